// The Durable management calls that report by status, against the local runtime's RPC endpoint and its
// management webhooks (the two ways the extension offers them), and against a host that fails.
import type { LocalRuntime } from '../../../../local/LocalRuntime';
import {
  DurableInstanceApi,
  type DurableClientData,
} from '../../../../shared/adapters/durable/DurableInstanceApi';
import { TransientError } from '../../../../shared/errors';
import { HttpTarget } from '../../../support/httpTarget';
import {
  removeDir,
  startTestRuntime,
  testFunctionKey,
  waitForStatus,
} from '../../../local/support/testRuntime';

// Incident ids carry a time of day: 14:04:05 makes "404" part of every message about this instance.
const RUNNING_ID = 'orders-api-20261203-140405';
const FINISHED_ID = 'orders-api-20261203-140406';
const MISSING_ID = 'orders-api-20261203-140407';

let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  ({ runtime, dataDir } = await startTestRuntime({
    loadApp: () => {
      require('../../../local/apps/conformanceApp');
    },
  }));
  for (const id of [RUNNING_ID, FINISHED_ID]) {
    const res = await fetch(
      `${runtime.url}/runtime/webhooks/durabletask/orchestrators/waitsForever/${id}?code=${testFunctionKey}`,
      { method: 'POST', body: '1' },
    );
    expect(res.status).toBe(202);
  }
  await waitForStatus(runtime, RUNNING_ID, ['Running']);
  await fetch(
    `${runtime.url}/runtime/webhooks/durabletask/instances/${FINISHED_ID}/raiseEvent/Never?code=${testFunctionKey}`,
    { method: 'POST', body: '"done"' },
  );
  await waitForStatus(runtime, FINISHED_ID, ['Completed']);
});

afterAll(async () => {
  await runtime.stop();
  removeDir(dataDir);
});

function clientData(withRpc: boolean): DurableClientData {
  const instance = `${runtime.url}/runtime/webhooks/durabletask/instances/INSTANCEID`;
  const query = `taskHub=lifeboat&connection=Storage&code=${testFunctionKey}`;
  return {
    taskHubName: 'lifeboat',
    ...(withRpc ? { rpcBaseUrl: runtime.rpcBaseUrl } : {}),
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: `${instance}?${query}`,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
    },
  };
}

describe.each([
  ['the RPC endpoint', true],
  ['the management webhooks', false],
])('DurableInstanceApi through %s', (_how, withRpc) => {
  const api = () => new DurableInstanceApi(clientData(withRpc));

  it('reads a status, and undefined for an instance that does not exist', async () => {
    expect(await api().runtimeStatus(RUNNING_ID)).toBe('Running');
    expect(await api().runtimeStatus(FINISHED_ID)).toBe('Completed');
    expect(await api().runtimeStatus(MISSING_ID)).toBeUndefined();
  });

  it('raises events and says what became of them: delivered, finished, not found', async () => {
    expect(await api().raiseEvent(RUNNING_ID, 'Ignored', { n: 1 })).toBe('delivered');
    expect(await api().raiseEvent(FINISHED_ID, 'Never', 'late')).toBe('finished');
    expect(await api().raiseEvent(MISSING_ID, 'Never', 'nobody')).toBe('not-found');
  });
});

describe('DurableInstanceApi against a failing host', () => {
  const host = new HttpTarget(() => ({
    status: 500,
    body: JSON.stringify({ message: `instance ${RUNNING_ID} (HTTP 404 lookalike) could not be read` }),
  }));
  beforeAll(() => host.start());
  afterAll(() => host.stop());

  // Regression (issue 12): a 500 whose text contains "404" was taken for "no such instance".
  it('treats a 500 as a transient failure, whatever its text says', async () => {
    const api = new DurableInstanceApi({
      taskHubName: 'lifeboat',
      rpcBaseUrl: `${host.url}/durabletask/`,
      managementUrls: {
        id: 'INSTANCEID',
        statusQueryGetUri: `${host.url}/x?code=k`,
        sendEventPostUri: `${host.url}/y?code=k`,
      },
    });
    await expect(api.raiseEvent(RUNNING_ID, 'Never', 1)).rejects.toBeInstanceOf(TransientError);
    await expect(api.runtimeStatus(RUNNING_ID)).rejects.toThrow(
      `The Durable Functions host answered 500 for the status of instance '${RUNNING_ID}'`,
    );
  });

  it('never shows the key of a webhook URL in an error', async () => {
    const api = new DurableInstanceApi({
      taskHubName: 'lifeboat',
      managementUrls: {
        id: 'INSTANCEID',
        statusQueryGetUri: 'http://127.0.0.1:1/instances/INSTANCEID?code=secret-key',
        sendEventPostUri: 'http://127.0.0.1:1/instances/INSTANCEID/raiseEvent/{eventName}?code=secret-key',
      },
    });
    const failure = api.runtimeStatus('x');
    await expect(failure).rejects.toBeInstanceOf(TransientError);
    await expect(failure).rejects.not.toThrow('secret-key');
  });
});
