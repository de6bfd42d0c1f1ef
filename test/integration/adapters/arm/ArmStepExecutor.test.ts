// Every Azure step type through the real @azure/arm-* SDKs against the ARM stand-in: a change, a target
// already in the wanted state, a long-running operation over several polls, 429 then success, a 403 that
// names the role and the scope, and a timeout. Also: what the SDKs send is what the dry-run describes.
import https from 'node:https';
import { ArmStepExecutor } from '../../../../shared/adapters/arm/ArmStepExecutor';
import { azureStepDryRun } from '../../../../shared/domain/runbook/azure/azureStepPlans';
import { automationJobName } from '../../../../shared/domain/runbook/azure/automationRunbookStep';
import { ArmStandIn } from '../../../standins/arm/ArmStandIn';
import { TestCredential } from '../../../standins/arm/testCredential';
import { AZURE_STEP_SPECS, IDEMPOTENCY_KEY, type AzureStepSpec } from './azureStepSpecs';

const POLL_MS = 10;
const attempt = { timeoutMs: 20_000, idempotencyKey: IDEMPOTENCY_KEY };

let standIn: ArmStandIn;
let executor: ArmStepExecutor;
let credential: TestCredential;

beforeEach(async () => {
  standIn = await ArmStandIn.start();
  credential = new TestCredential();
  executor = new ArmStepExecutor({
    credential,
    endpoint: standIn.endpoint,
    credentialScope: 'https://management.azure.com/.default',
    tlsOptions: { ca: standIn.certificate },
    pollIntervalMs: POLL_MS,
  });
});

afterEach(() => standIn.stop());

const writes = (spec: AzureStepSpec) =>
  standIn.requests.filter((r) => r.method === spec.write.method && spec.write.path.test(r.path));

describe.each(AZURE_STEP_SPECS.map((spec) => [spec.name, spec] as const))('%s', (_name, spec) => {
  beforeEach(() => spec.seed(standIn));

  it('changes the target, sending what its dry-run describes', async () => {
    const outcome = await executor.execute(spec.step, attempt);

    expect(outcome).toMatchObject({ kind: 'succeeded', alreadyInWantedState: false });
    expect(spec.isDone(standIn)).toBe(true);
    expect(writes(spec)).toHaveLength(1);
    expect(credential.scopesAsked).toContain('https://management.azure.com/.default');
    const plan = azureStepDryRun(spec.step, automationJobName(IDEMPOTENCY_KEY));
    const described = plan.requests.map((r) => ({ method: r.method, path: r.path.toLowerCase() }));
    const sent = standIn.requests
      .filter((r) => !r.path.includes('/providers/Microsoft.StandIn/'))
      .map((r) => ({
        method: r.method,
        path: `${r.path}?api-version=${r.apiVersion ?? ''}`.toLowerCase(),
        body: r.body,
      }));
    // Every request sent is one the dry-run lists, with the same api-version; every change it lists was sent.
    for (const request of sent) {
      expect(described).toContainEqual({ method: request.method, path: request.path });
    }
    for (const request of plan.requests.filter((r) => r.method !== 'GET')) {
      const match = sent.find((s) => s.method === request.method && s.path === request.path.toLowerCase());
      expect(match).toBeDefined();
      if (request.body !== undefined && request.note === undefined) {
        expect(match?.body).toMatchObject(request.body as object);
      }
    }
  });

  it('reports a target already in the wanted state and changes nothing', async () => {
    spec.alreadyThere(standIn);

    const outcome = await executor.execute(spec.step, attempt);

    expect(outcome).toMatchObject({ kind: 'succeeded', alreadyInWantedState: true });
    expect(writes(spec)).toHaveLength(0);
  });

  it('waits out an operation that takes several polls', async () => {
    if (spec.polling === 'operation') standIn.makeLongRunning(spec.write.path, 3);

    const outcome = await executor.execute(spec.step, attempt);

    expect(outcome.kind).toBe('succeeded');
    expect(spec.isDone(standIn)).toBe(true);
    if (spec.polling === 'operation') expect(standIn.polls()).toBeGreaterThanOrEqual(4);
    if (spec.polling === 'job') {
      expect(
        standIn.requests.filter((r) => r.method === 'GET' && spec.write.path.test(r.path)).length,
      ).toBeGreaterThanOrEqual(3);
    }
    if (spec.polling === 'none') expect(standIn.polls()).toBe(0); // answers at once in Azure too
  });

  it('rides out a 429 with Retry-After, then succeeds', async () => {
    standIn.fault('GET', /./, {
      status: 429,
      code: 'TooManyRequests',
      message: 'Slow down',
      retryAfter: 1,
      times: 1,
    });

    const outcome = await executor.execute(spec.step, attempt);

    expect(outcome.kind).toBe('succeeded');
    expect(standIn.requests[0]?.method).toBe('GET');
    expect(spec.isDone(standIn)).toBe(true);
  });

  it('names the role and the scope when the identity may not write', async () => {
    const action = spec.write.method === 'POST' ? 'action' : 'write';
    standIn.fault(spec.write.method, spec.write.path, {
      status: 403,
      code: 'AuthorizationFailed',
      message: `The client 'lifeboat-mi' with object id '11111111-2222-3333-4444-555555555555' does not have authorization to perform action 'Microsoft.Test/things/${action}' over scope '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-pay' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    });

    const outcome = await executor.execute(spec.step, attempt);

    expect(outcome).toMatchObject({ kind: 'failed', retryable: false, status: 403 });
    if (outcome.kind !== 'failed') throw new Error('expected a failure');
    expect(outcome.reason).toContain(spec.role);
    expect(outcome.reason).toContain(
      `may not perform Microsoft.Test/things/${action} on /subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-pay`,
    );
    expect(spec.isDone(standIn)).toBe(false);
  });

  it('gives up at the timeout, saying the operation may still be running', async () => {
    if (spec.polling === 'operation') standIn.makeLongRunning(spec.write.path, 1_000_000);
    if (spec.polling === 'none')
      standIn.fault(spec.write.method, spec.write.path, { status: 200, delayMs: 5_000 });
    if (spec.polling === 'job')
      standIn.onRead(/\/jobs\//, (job) => ((job.properties as Record<string, unknown>).status = 'New'));

    const outcome = await executor.execute(spec.step, { ...attempt, timeoutMs: 300 });

    expect(outcome).toMatchObject({ kind: 'failed', retryable: true });
    if (outcome.kind !== 'failed') throw new Error('expected a failure');
    expect(outcome.reason).toContain('not finished within 300 ms');
    expect(outcome.reason).toContain('may still be running in Azure');
  });
});

describe('azure.sql.failoverGroup with allowDataLoss', () => {
  it('forces the failover only when the step says so', async () => {
    const [sql] = AZURE_STEP_SPECS.filter((spec) => spec.name === 'azure.sql.failoverGroup');
    if (!sql) throw new Error('no sql spec');
    sql.seed(standIn);
    standIn.onAction(/\/forceFailoverAllowDataLoss$/, ({ resourcePath, standIn: s }) => {
      s.put(resourcePath, { properties: { replicationRole: 'Primary' } });
      return s.get(resourcePath);
    });

    const outcome = await executor.execute({ ...sql.step, allowDataLoss: true } as typeof sql.step, attempt);

    expect(outcome).toMatchObject({ kind: 'succeeded' });
    expect(standIn.calls().filter((c) => c.startsWith('POST'))).toEqual([
      expect.stringMatching(/\/fg-pay\/forceFailoverAllowDataLoss$/),
    ]);
  });
});

describe('transport', () => {
  it('the SDKs refuse to send a bearer token over plain http, which is why the stand-in speaks TLS', async () => {
    const [tm] = AZURE_STEP_SPECS.filter((spec) => spec.name === 'azure.trafficManager.endpoint');
    if (!tm) throw new Error('no spec');
    const overHttp = new ArmStepExecutor({
      credential,
      endpoint: standIn.endpoint.replace('https:', 'http:'),
    });

    const outcome = await overHttp.execute(tm.step, attempt);

    expect(outcome).toMatchObject({ kind: 'failed', retryable: false });
    if (outcome.kind !== 'failed') throw new Error('expected a failure');
    expect(outcome.reason).toContain(
      'Bearer token authentication is not permitted for non-TLS protected (non-https) URLs',
    );
  });

  it('the stand-in refuses a request without the bearer token, as ARM does', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      https
        .get(
          `${standIn.endpoint}/subscriptions/x?api-version=2022-01-01`,
          { ca: standIn.certificate },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        )
        .on('error', reject);
    });
    expect(status).toBe(401);
  });
});
