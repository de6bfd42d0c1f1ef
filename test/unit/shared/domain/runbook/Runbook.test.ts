import type { LeafStep } from '../../../../../shared/domain/runbook/runbookStepSchema';
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';
import { RETRY_PRESETS } from '../../../../../shared/domain/runbook/retryPresets';
import { isExpectedStatus } from '../../../../../shared/domain/runbook/httpRequestSchema';
import { nonNullValue } from '../../../../../shared/nonNull';
import {
  catalogFiles,
  catalogProblems,
  RUNBOOK_FILE,
  runbookInput,
  runbookWithStep,
  WORKLOAD_FILE,
  workloadWithRunbook,
} from './runbookTestSupport';
import { yamlFile } from '../catalog/catalogTestSupport';

function parseRunbook(input: Readonly<Record<string, unknown>>) {
  return nonNullValue(parseCatalogFiles(catalogFiles(input)).runbooks[0], 'runbook');
}

function onlyStep(step: Readonly<Record<string, unknown>>): LeafStep {
  const parsed = nonNullValue(parseRunbook(runbookWithStep(step)).steps[0], 'step');
  if (parsed.type === 'parallel') throw new Error('expected a step that does one thing');
  return parsed;
}

/** The problems of the runbook file, as `path → message` with the file name checked. */
function runbookProblems(input: Readonly<Record<string, unknown>>): { path: string; message: string }[] {
  return catalogProblems(catalogFiles(input)).map(({ path, message }) => {
    expect(path.startsWith(`${RUNBOOK_FILE}#`)).toBe(true);
    return { path: path.slice(RUNBOOK_FILE.length + 1), message };
  });
}

describe('runbook files', () => {
  it('parse to steps with every default filled, durations in seconds and retry policies resolved', () => {
    const runbook = parseRunbook(
      runbookInput({
        description: 'Fails orders over.',
        steps: [
          {
            id: 'freeze',
            name: 'Freeze writes',
            type: 'http',
            request: {
              url: 'https://automation.example.com/freeze',
              headers: { Authorization: { secret: 'ORDERS_TOKEN' }, 'Content-Type': 'application/json' },
              body: { region: 'westeurope', auth: { secret: 'BODY_SECRET' } },
            },
          },
          {
            id: 'failover-db',
            name: 'Fail over the database',
            type: 'http',
            timeout: '2m',
            retry: { preset: 'patient', maxAttempts: 6, firstInterval: '1m' },
            onFailure: 'abort',
            request: { method: 'PUT', url: { secret: 'DB_WEBHOOK_URL' }, expectStatus: [200, 202] },
          },
          { id: 'settle', name: 'Let it settle', type: 'wait', duration: '30s' },
          {
            id: 'validate',
            name: 'Secondary healthy',
            type: 'healthCheck',
            target: 'secondary',
            deadline: '5m',
          },
          {
            id: 'probe-shop',
            name: 'Shop answers',
            type: 'healthCheck',
            probe: { url: 'https://shop.example.com/ready', maxLatency: '500ms', bodyContains: 'ok' },
            consecutivePasses: 2,
            interval: '5s',
            deadline: '1m',
            retry: 'aggressive',
          },
          { id: 'smoke', name: 'Smoke test', type: 'manual', instructions: 'Place a **test** order.' },
        ],
      }),
    );
    const none = RETRY_PRESETS.none;
    expect(runbook).toStrictEqual({
      id: 'orders-api-failover',
      name: 'Orders API failover',
      description: 'Fails orders over.',
      workloadId: 'orders-api',
      steps: [
        {
          id: 'freeze',
          name: 'Freeze writes',
          type: 'http',
          timeoutSeconds: 30,
          retry: RETRY_PRESETS.standard,
          onFailure: 'pause',
          request: {
            method: 'POST',
            url: 'https://automation.example.com/freeze',
            headers: { Authorization: { secret: 'ORDERS_TOKEN' }, 'Content-Type': 'application/json' },
            body: { region: 'westeurope', auth: { secret: 'BODY_SECRET' } },
            expectStatus: [{ from: 200, to: 299 }],
            secretNames: ['BODY_SECRET', 'ORDERS_TOKEN'],
          },
        },
        {
          id: 'failover-db',
          name: 'Fail over the database',
          type: 'http',
          timeoutSeconds: 120,
          retry: {
            preset: 'patient',
            maxAttempts: 6,
            firstIntervalSeconds: 60,
            backoffCoefficient: 2,
            maxIntervalSeconds: 300,
          },
          onFailure: 'abort',
          request: {
            method: 'PUT',
            url: { secret: 'DB_WEBHOOK_URL' },
            headers: {},
            expectStatus: [
              { from: 200, to: 200 },
              { from: 202, to: 202 },
            ],
            secretNames: ['DB_WEBHOOK_URL'],
          },
        },
        {
          id: 'settle',
          name: 'Let it settle',
          type: 'wait',
          timeoutSeconds: 30,
          retry: none,
          onFailure: 'pause',
          durationSeconds: 30,
        },
        {
          id: 'validate',
          name: 'Secondary healthy',
          type: 'healthCheck',
          timeoutSeconds: 10,
          retry: none,
          onFailure: 'pause',
          source: { kind: 'workload', target: 'secondary' },
          consecutivePasses: 3,
          intervalSeconds: 10,
          deadlineSeconds: 300,
        },
        {
          id: 'probe-shop',
          name: 'Shop answers',
          type: 'healthCheck',
          timeoutSeconds: 10,
          retry: RETRY_PRESETS.aggressive,
          onFailure: 'pause',
          source: {
            kind: 'probe',
            probe: {
              url: 'https://shop.example.com/ready',
              expectStatus: 200,
              maxLatencyMs: 500,
              bodyContains: 'ok',
            },
          },
          consecutivePasses: 2,
          intervalSeconds: 5,
          deadlineSeconds: 60,
        },
        {
          id: 'smoke',
          name: 'Smoke test',
          type: 'manual',
          timeoutSeconds: 1800,
          retry: none,
          onFailure: 'pause',
          instructions: 'Place a **test** order.',
        },
      ],
    });
  });

  it("starts retry overrides from the step type's default preset when they name none", () => {
    const step = onlyStep({
      type: 'http',
      request: { url: 'https://a.example.com/x' },
      retry: { maxAttempts: 5 },
    });
    expect(step.retry).toEqual({ ...RETRY_PRESETS.standard, maxAttempts: 5 });
  });

  it('matches expected statuses by range', () => {
    expect(isExpectedStatus([{ from: 200, to: 299 }], 204)).toBe(true);
    expect(isExpectedStatus([{ from: 200, to: 299 }], 302)).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      'a manual step without instructions',
      { type: 'manual' },
      'steps[0].instructions',
      /^A manual step needs instructions/,
    ],
    [
      'an unknown step type',
      { type: 'script' },
      'steps[0].type',
      /^Unknown step type "script": expected one of http, manual, wait, healthCheck/,
    ],
    ['a step without a type', {}, 'steps[0].type', /^Missing step type: expected one of http/],
    [
      'a literal Authorization header',
      {
        type: 'http',
        request: { url: 'https://a.example.com/x', headers: { Authorization: 'Bearer abc123' } },
      },
      'steps[0].request.headers.Authorization',
      /cannot be written literally: write \{ secret: NAME \}/,
    ],
    [
      'a literal bearer token under another header name',
      {
        type: 'http',
        request: { url: 'https://a.example.com/x', headers: { 'X-Upstream': 'Bearer abc123' } },
      },
      'steps[0].request.headers.X-Upstream',
      /looks like a credential: write \{ secret: NAME \}/,
    ],
    [
      'a secret name that is not an app setting name',
      {
        type: 'http',
        request: { url: 'https://a.example.com/x', headers: { Authorization: { secret: 'token' } } },
      },
      'steps[0].request.headers.Authorization.secret',
      /^Invalid secret name "token"/,
    ],
    [
      'a relative URL',
      { type: 'http', request: { url: '/admin/maintenance' } },
      'steps[0].request.url',
      /^Expected an absolute http:\/\/ or https:\/\/ URL/,
    ],
    [
      'an ftp URL',
      { type: 'http', request: { url: 'ftp://a.example.com/x' } },
      'steps[0].request.url',
      /^Expected an absolute http:\/\/ or https:\/\/ URL/,
    ],
    [
      'a webhook URL with its token written in',
      { type: 'http', request: { url: 'https://a.example.com/webhooks?token=abc' } },
      'steps[0].request.url',
      /query parameter "token" carries a credential: give the whole URL by reference, url: \{ secret: NAME \}/,
    ],
    [
      // Regression (issue 21): credentials in a URL were never sent; they belong in a secret.
      'a URL with a user name and password written in',
      { type: 'http', request: { url: 'https://ops:hunter2@a.example.com/x' } },
      'steps[0].request.url',
      /^The URL carries credentials \(user:password@\): give the whole URL by reference, url: \{ secret: NAME \}/,
    ],
    [
      'a URL with a user name (a token) written in',
      { type: 'http', request: { url: 'https://ghp_abc123@a.example.com/x' } },
      'steps[0].request.url',
      /^The URL carries credentials/,
    ],
    [
      'a probe URL with credentials',
      { type: 'healthCheck', probe: { url: 'https://mon:pw@shop.example.com/ready' } },
      'steps[0].probe.url',
      /^The URL carries credentials \(user:password@\): health check and probe URLs are written in the catalog/,
    ],
    [
      'an unknown retry preset',
      { type: 'http', request: { url: 'https://a.example.com/x' }, retry: 'forever' },
      'steps[0].retry.preset',
      /^Unknown retry preset "forever": expected one of none, standard, patient, aggressive/,
    ],
    [
      'a retry whose maxInterval is below its firstInterval',
      { type: 'http', request: { url: 'https://a.example.com/x' }, retry: { firstInterval: '2m' } },
      'steps[0].retry',
      /maxInterval \(60s\) is shorter than its firstInterval \(120s\)/,
    ],
    [
      'an unknown onFailure',
      { type: 'wait', duration: '1m', onFailure: 'ignore' },
      'steps[0].onFailure',
      /Invalid option/,
    ],
    ['a wait without a duration', { type: 'wait' }, 'steps[0].duration', /Expected a duration/],
    [
      'a healthCheck with neither target nor probe',
      { type: 'healthCheck', deadline: '5m' },
      'steps[0]',
      /^Give either target .* or an inline probe/,
    ],
    [
      'a healthCheck whose passes cannot fit its deadline',
      { type: 'healthCheck', target: 'secondary', consecutivePasses: 10, interval: '1m', deadline: '5m' },
      'steps[0].deadline',
      /^10 passes 60s apart cannot fit in a deadline of 300s/,
    ],
    [
      'a GET with a body',
      { type: 'http', request: { method: 'GET', url: 'https://a.example.com/x', body: {} } },
      'steps[0].request.body',
      /^A GET request has no body/,
    ],
  ])('rejects %s, naming the file and path', (_what, step, path, message) => {
    const problems = runbookProblems(runbookWithStep(step));
    expect(problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('rejects duplicate step ids, pointing at the second', () => {
    const step = { id: 'settle', name: 'Settle', type: 'wait', duration: '10s' };
    expect(runbookProblems(runbookInput({ steps: [step, step] }))).toEqual([
      { path: 'steps[1].id', message: expect.stringMatching(/^Duplicate step id "settle" \(line \d+\)$/) },
    ]);
  });

  it('rejects a runbook without steps', () => {
    expect(runbookProblems(runbookInput({ steps: [] }))).toEqual([
      { path: 'steps', message: expect.stringMatching(/^A runbook needs at least one step/) },
    ]);
  });

  it('gives the line of a problem in the file', () => {
    const text = [
      'kind: Runbook', // 1
      'id: orders-api-failover', // 2
      'name: Failover', // 3
      'workload: orders-api', // 4
      'steps:', // 5
      '  - id: smoke', // 6
      '    name: Smoke test', // 7
      '    type: manual', // 8
      '    retry: forever', // 9
      '',
    ].join('\n');
    const problems = catalogProblems([
      yamlFile(WORKLOAD_FILE, workloadWithRunbook()),
      { path: RUNBOOK_FILE, text },
    ]);
    expect(problems).toEqual([
      {
        path: `${RUNBOOK_FILE}#steps[0].retry.preset`,
        message: expect.stringMatching(/^Unknown retry preset "forever".*\(line 9\)$/),
      },
      {
        path: `${RUNBOOK_FILE}#steps[0].instructions`,
        message: 'A manual step needs instructions: what the operator does and checks (line 6)',
      },
    ]);
  });
});
