// The runtime's test mode: every activity runs twice and every episode is replayed twice, so that
// non-idempotent activities and non-deterministic orchestrators show up in tests, not in production.
import { observed } from './apps/conformanceApp';
import { removeDir, startTestRuntime, testFunctionKey, waitForStatus } from './support/testRuntime';
import type { LocalRuntime } from '../../local/LocalRuntime';

const loadApp = () => {
  require('./apps/conformanceApp');
};

let runtime: LocalRuntime;
let dataDir: string;

beforeEach(async () => {
  ({ runtime, dataDir } = await startTestRuntime({ loadApp, doubleExecution: true }));
});
afterEach(async () => {
  await runtime.stop();
  removeDir(dataDir);
});

async function start(name: string, id: string): Promise<void> {
  const res = await fetch(
    `${runtime.url}/runtime/webhooks/durabletask/orchestrators/${name}/${id}?code=${testFunctionKey}`,
    {
      method: 'POST',
      body: 'null',
    },
  );
  expect(res.status).toBe(202);
}

it('runs every activity twice', async () => {
  await start('callsCounter', 'twice-1');
  expect((await waitForStatus(runtime, 'twice-1', ['Completed'])).output).toBe('twice-1');
  expect(observed.calls.get('countCalls:twice-1')).toBe(2);
});

it('keeps deterministic orchestrations working, sub-orchestrations included', async () => {
  await start('parentFlow', 'det-1');
  expect((await waitForStatus(runtime, 'det-1', ['Completed'])).output).toEqual({ child: 10 });
});

it('fails an orchestrator whose two replays of one history disagree', async () => {
  await start('flipFlop', 'flip-1');
  const failed = await waitForStatus(runtime, 'flip-1', ['Failed']);
  expect(String(failed.output)).toContain('two replays of the same history disagreed');
});
