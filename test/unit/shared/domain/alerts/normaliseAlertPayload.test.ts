import { normaliseAlertPayload } from '../../../../../shared/domain/alerts/normaliseAlertPayload';
import { expectAlerts, expectError, fixtureWith, loadAlertFixture } from './alertTestSupport';

describe('normaliseAlertPayload', () => {
  it.each([
    ['azure-monitor-metric-fired.json', 'azure-monitor-common'],
    ['alertmanager-v4.json', 'alertmanager-v4'],
    ['generic-v1.json', 'generic-v1'],
  ])('detects %s as %s', (fixture, format) => {
    const result = normaliseAlertPayload(loadAlertFixture(fixture));
    expect(result.ok && result.format).toBe(format);
  });

  it.each([
    ['a non-object', 'alert!', ''],
    ['an array', [{ schemaId: 'azureMonitorCommonAlertSchema' }], ''],
    ['null', null, ''],
    ['an object without markers', { title: 'disk full' }, undefined],
  ])('rejects %s as an unknown format listing the accepted formats', (_kind, body, hintPath) => {
    const error = expectError(normaliseAlertPayload(body));
    expect(error.code).toBe('unknown_format');
    expect(error.message).toContain('azureMonitorCommonAlertSchema');
    expect(error.message).toContain('Alertmanager webhook ("version": "4"');
    expect(error.message).toContain('lifeboat.alert/v1');
    expect(error.details.map((d) => d.path)).toEqual(hintPath === undefined ? [] : [hintPath]);
  });

  it('says how to fix an Azure Monitor payload sent without the common alert schema', () => {
    const error = expectError(
      normaliseAlertPayload({ schemaId: 'AzureMonitorMetricAlert', data: { status: 'Activated' } }),
    );
    expect(error.code).toBe('unknown_format');
    expect(error.details).toEqual([
      {
        path: 'schemaId',
        message: `"AzureMonitorMetricAlert" is not supported: enable the common alert schema on the action group's webhook`,
      },
    ]);
  });

  it('rejects another version of the generic format as unknown, naming the expected one', () => {
    const error = expectError(
      normaliseAlertPayload(fixtureWith('generic-v1.json', { schema: 'lifeboat.alert/v2' })),
    );
    expect(error.code).toBe('unknown_format');
    expect(error.details).toEqual([
      { path: 'schema', message: '"lifeboat.alert/v2" is not supported: expected "lifeboat.alert/v1"' },
    ]);
  });

  it('treats an Alertmanager payload of another version as invalid, naming the version field', () => {
    const error = expectError(normaliseAlertPayload(fixtureWith('alertmanager-v4.json', { version: '3' })));
    expect(error).toEqual({
      code: 'invalid_payload',
      message: 'Invalid Alertmanager webhook (version 4) payload: version: Invalid input: expected "4"',
      details: [{ path: 'version', message: 'Invalid input: expected "4"' }],
    });
  });

  it('bounds a raw payload over 16 KB', () => {
    const body = fixtureWith('azure-monitor-log-v2.json', {
      'data.alertContext.searchResults': 'x'.repeat(20_000),
    });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(alert?.raw).toMatchObject({ truncated: true, size: JSON.stringify(body).length });
  });

  it('truncates a very long summary for notifications', () => {
    const body = fixtureWith('generic-v1.json', { 'alerts.0.summary': `${'word '.repeat(199)}word` });
    const [alert] = expectAlerts(normaliseAlertPayload(body));
    expect(Array.from(alert?.summary ?? '')).toHaveLength(500);
    expect(alert?.summary.endsWith('…')).toBe(true);
  });

  it('returns an error instead of throwing when reading the body throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        has: () => {
          throw new Error('boom');
        },
      },
    );
    const error = expectError(normaliseAlertPayload(hostile));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toContain('boom');
  });
});
