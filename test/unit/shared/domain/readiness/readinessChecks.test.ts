// Every readiness check on its own: what passes, warns and fails, and the thresholds of the lag check.
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';
import { approverStaffing } from '../../../../../shared/domain/readiness/approverStaffing';
import { drillOutcome } from '../../../../../shared/domain/readiness/drillOutcome';
import { healthOutcomes } from '../../../../../shared/domain/readiness/healthOutcomes';
import { hostOutcome, httpStepHosts } from '../../../../../shared/domain/readiness/httpStepHosts';
import {
  lagOutcome,
  lagThresholds,
  unreadableLag,
} from '../../../../../shared/domain/readiness/lagThresholds';
import { readJsonNumber } from '../../../../../shared/domain/readiness/readJsonPath';
import { readinessReasons, readinessState } from '../../../../../shared/domain/readiness/ReadinessResult';
import { rpoExposure } from '../../../../../shared/domain/readiness/rpoExposure';
import { runbookSecretsOutcome } from '../../../../../shared/domain/readiness/runbookSecretsOutcome';
import { sampleCatalog, sampleCatalogFiles } from './readinessTestCatalog';

const MINUTE = 60;

describe('lag thresholds', () => {
  it('default to half the RPO (warn) and the whole RPO (fail)', () => {
    expect(lagThresholds({}, 5 * MINUTE)).toEqual({ warnAtSeconds: 150, failAtSeconds: 300 });
  });

  it('take the catalog values, and never warn above the fail threshold', () => {
    expect(lagThresholds({ warnAtSeconds: 10, failAtSeconds: 20 }, 300)).toEqual({
      warnAtSeconds: 10,
      failAtSeconds: 20,
    });
    expect(lagThresholds({ failAtSeconds: 60 }, 300)).toEqual({ warnAtSeconds: 60, failAtSeconds: 60 });
  });

  it('pass below warn, warn from warn, fail from fail', () => {
    const t = lagThresholds({}, 300);
    expect(lagOutcome('db', 42, t).status).toBe('pass');
    expect(lagOutcome('db', 149, t).status).toBe('pass');
    expect(lagOutcome('db', 150, t).status).toBe('warn');
    expect(lagOutcome('db', 299, t).status).toBe('warn');
    expect(lagOutcome('db', 300, t)).toEqual({
      kind: 'replication-lag',
      name: 'db',
      status: 'fail',
      reason: 'replication db is 5 m behind (fails at 5 m)',
    });
  });

  it('fail any lag with an RPO of zero, and pass none at all', () => {
    const t = lagThresholds({}, 0);
    expect(lagOutcome('db', 0, t).status).toBe('pass');
    expect(lagOutcome('db', 0.5, t).status).toBe('fail');
  });

  it('warn when the lag cannot be read: the exposure is unknown', () => {
    expect(unreadableLag('db', 'answered 503')).toMatchObject({
      status: 'warn',
      reason: expect.stringContaining('answered 503'),
    });
  });
});

describe('the lag in a JSON body', () => {
  it('is found by property path and array index', () => {
    expect(readJsonNumber({ replication: { lagSeconds: 42 } }, 'replication.lagSeconds')).toEqual({
      ok: true,
      value: 42,
    });
    expect(readJsonNumber({ regions: [{ lag: 3 }] }, 'regions[0].lag')).toEqual({ ok: true, value: 3 });
  });

  it('is refused when missing, not a number, or negative', () => {
    expect(readJsonNumber({}, 'lag')).toMatchObject({ ok: false, reason: 'lag: no "lag" in the body' });
    expect(readJsonNumber({ lag: '42' }, 'lag')).toMatchObject({ ok: false });
    expect(readJsonNumber({ lag: -1 }, 'lag')).toMatchObject({ ok: false });
    expect(readJsonNumber({ lag: [1] }, 'lag[3]')).toMatchObject({ ok: false });
    expect(readJsonNumber({ constructor: 1 }, 'toString')).toMatchObject({ ok: false });
  });
});

describe('RPO exposure', () => {
  const now = new Date('2026-11-22T03:20:12.000Z');
  it('says the lag, the RPO, the verdict and what a failover would lose', () => {
    const exposure = rpoExposure(
      'northeurope',
      { source: 'db', lagSeconds: 42, measuredAt: '2026-11-22T03:20:00.000Z' },
      300,
      now,
    );
    expect(exposure.text).toBe(
      'North Europe is 42 s behind; RPO 5 m: within; failing over now may lose up to about 42 s of writes (measured 12 s ago)',
    );
    expect(exposure.withinRpo).toBe(true);
  });

  it('says by how much the RPO is exceeded', () => {
    const exposure = rpoExposure(
      'northeurope',
      { source: 'db', lagSeconds: 420, measuredAt: now.toISOString() },
      300,
      now,
    );
    expect(exposure.withinRpo).toBe(false);
    expect(exposure.text).toContain(
      'RPO 5 m: EXCEEDED by 2 m; failing over now may lose up to about 7 m of writes',
    );
  });
});

describe('health checks', () => {
  const checks = sampleCatalog().workloads[0]?.healthChecks.secondary ?? [];
  it('fail the secondary when a check fails, pass it when all pass', () => {
    expect(
      healthOutcomes('secondary', checks, new Map([['orders-api', { ok: false, reason: 'answered 503' }]])),
    ).toEqual([
      {
        kind: 'secondary-health',
        name: 'orders-api',
        status: 'fail',
        reason: 'secondary health check orders-api fails: answered 503',
      },
    ]);
    expect(
      healthOutcomes('secondary', checks, new Map([['orders-api', { ok: true, reason: '200 in 3 ms' }]]))[0]
        ?.status,
    ).toBe('pass');
  });

  it('only warn for the primary (failback readiness)', () => {
    const [outcome] = healthOutcomes(
      'primary',
      checks,
      new Map([['orders-api', { ok: false, reason: 'refused' }]]),
    );
    expect(outcome).toMatchObject({
      kind: 'primary-health',
      status: 'warn',
      reason: expect.stringContaining('failback not possible now'),
    });
  });

  it('warn when the secondary has no health checks at all', () => {
    expect(healthOutcomes('secondary', [], new Map())[0]?.status).toBe('warn');
    expect(healthOutcomes('primary', [], new Map())).toEqual([]);
  });
});

describe('approvers staffed', () => {
  const workload = () => {
    const w = sampleCatalog().workloads[0];
    if (!w) throw new Error('no workload');
    return w;
  };
  it('passes every approval role when people can be reached on a configured channel', () => {
    const outcomes = approverStaffing(workload(), { email: true, teams: true, enforced: true });
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['approver', 'pass'],
      ['deputy', 'pass'],
      ['executive', 'pass'],
    ]);
  });

  it('fails a channel the workload asks for that is not configured, in Azure', () => {
    const outcomes = approverStaffing(workload(), { email: true, teams: false, enforced: true });
    expect(outcomes[0]).toMatchObject({
      name: 'channel:teams',
      status: 'fail',
      reason: expect.stringContaining('LIFEBOAT_TEAMS_WEBHOOK_URL'),
    });
    // Outside Azure the missing channel is left out, as the local runtime leaves it out.
    expect(
      approverStaffing(workload(), { email: true, teams: false, enforced: false }).some(
        (o) => o.status === 'fail',
      ),
    ).toBe(false);
  });

  it('fails a role whose people have no reachable channel', () => {
    // Dara, the only executive, has an email address only.
    const outcomes = approverStaffing(workload(), { email: false, teams: true, enforced: false });
    expect(outcomes.find((o) => o.name === 'executive')).toMatchObject({
      status: 'fail',
      reason: 'nobody holding approver role executive can be reached on a configured channel',
    });
  });
});

describe('runbook secrets and hosts', () => {
  const catalog = sampleCatalog();
  const workload = catalog.workloads[0];
  if (!workload) throw new Error('no workload');
  it('fails each secret a runbook refers to that is not set', () => {
    const outcomes = runbookSecretsOutcome(catalog, workload, () => undefined);
    expect(outcomes).toEqual([
      expect.objectContaining({
        kind: 'runbook-secrets',
        name: 'LIFEBOAT_DEMO_AUTOMATION_TOKEN',
        status: 'fail',
      }),
    ]);
    expect(runbookSecretsOutcome(catalog, workload, () => 'set')[0]?.status).toBe('pass');
  });

  it('lists the hosts of the http steps, and fails one that does not resolve', () => {
    expect(httpStepHosts(catalog, workload, () => undefined)).toEqual(['127.0.0.1']);
    expect(hostOutcome('gone.example', { ok: false, reason: 'ENOTFOUND' })).toMatchObject({
      status: 'fail',
      reason: 'runbook host gone.example does not resolve (ENOTFOUND)',
    });
  });
});

describe('drills', () => {
  const now = new Date('2026-11-22T00:00:00.000Z');
  const day = 86_400;
  it('warns when the workload was never drilled', () => {
    expect(drillOutcome(undefined, 90 * day, undefined, now)).toEqual([
      {
        kind: 'drill',
        name: 'last-drill',
        status: 'warn',
        reason: 'never drilled: no drill incident for this workload',
      },
    ]);
  });

  it('passes a recent drill and warns an old one', () => {
    const drill = (at: string) => ({ incidentId: 'orders-api-drill-1', at, status: 'recovered' });
    expect(drillOutcome(drill('2026-11-01T00:00:00.000Z'), 90 * day, undefined, now)[0]?.status).toBe('pass');
    expect(drillOutcome(drill('2026-06-01T00:00:00.000Z'), 90 * day, undefined, now)[0]).toMatchObject({
      status: 'warn',
      reason: expect.stringContaining('more than the 90 d the tier allows'),
    });
  });

  it('warns when the runbook changed after the last drill', () => {
    const drill = { incidentId: 'd', at: '2026-11-01T00:00:00.000Z', status: 'recovered' };
    expect(drillOutcome(drill, 90 * day, '2026-11-10T00:00:00.000Z', now)[1]).toMatchObject({
      name: 'runbook-changed',
      status: 'warn',
    });
    expect(drillOutcome(drill, 90 * day, '2026-10-10T00:00:00.000Z', now)).toHaveLength(1);
  });
});

describe('the state the checks add up to', () => {
  it('is the worst check: fail → not-ready, warn → degraded, else ready', () => {
    expect(readinessState([{ status: 'pass' }, { status: 'warn' }])).toBe('degraded');
    expect(readinessState([{ status: 'warn' }, { status: 'fail' }])).toBe('not-ready');
    expect(readinessState([{ status: 'pass' }])).toBe('ready');
    expect(
      readinessReasons([
        { kind: 'drill', name: 'a', status: 'warn', reason: 'w' },
        { kind: 'secondary-health', name: 'b', status: 'fail', reason: 'f' },
        { kind: 'drill', name: 'c', status: 'pass', reason: 'p' },
      ]),
    ).toEqual(['f', 'w']);
  });
});

describe('catalog settings', () => {
  it('fill the tier defaults and accept overrides', () => {
    const [w] = sampleCatalog().workloads;
    expect(w?.readiness).toMatchObject({
      everySeconds: 15 * MINUTE,
      drillEverySeconds: 180 * 86_400,
      ownerRole: 'owner',
    });
    expect(w?.readiness.healthChecks?.secondary.map((c) => c.url)).toEqual(['http://127.0.0.1:7082/ready']);
    const tier0 = sampleCatalog({ tier: 0, readiness: { every: '1m', drillEvery: '30d' } }).workloads[0];
    expect(tier0?.readiness).toEqual({
      everySeconds: 60,
      drillEverySeconds: 30 * 86_400,
      ownerRole: 'owner',
    });
    expect(sampleCatalog({ tier: 3, readiness: undefined }).workloads[0]?.readiness.everySeconds).toBe(
      86_400,
    );
  });

  it('refuse an owners role without contacts and a replication source without exactly one kind', () => {
    expect(() => parseCatalogFiles(sampleCatalogFiles({ readiness: { owners: 'nobody' } }))).toThrow(
      /readiness.owners names role "nobody", which has no contacts/,
    );
    expect(() =>
      parseCatalogFiles(sampleCatalogFiles({ replication: [{ name: 'db', warnAt: '1m' }] })),
    ).toThrow(/Give exactly one source: http or azureMonitor/);
  });
});
