// Regression (issue 12): an activity that threw NonRetryableError was retried with backoff to its policy's
// limit, in Azure and locally, because durable-functions' RetryOptions cannot exempt an error type. The
// product's activity wrapper now returns such failures through the contract and the orchestration's helper
// fails at the first attempt; this counts the attempts through the real engine.
import { ManualClock } from '../../local/clock/Clock';
import type { LocalRuntime } from '../../local/LocalRuntime';
import { attempts } from './apps/permanentFailureApp';
import { instanceStatus, removeDir, startTestRuntime, testFunctionKey, waitFor } from './support/testRuntime';

let runtime: LocalRuntime;
let dataDir: string;
let clock: ManualClock;

beforeEach(async () => {
  attempts.clear();
  clock = new ManualClock();
  ({ runtime, dataDir } = await startTestRuntime({
    loadApp: () => {
      require('./apps/permanentFailureApp');
    },
    clock,
  }));
});

afterEach(async () => {
  await runtime.stop();
  removeDir(dataDir);
});

async function start(name: string, input: unknown): Promise<string> {
  const res = await fetch(
    `${runtime.url}/runtime/webhooks/durabletask/orchestrators/${name}?code=${testFunctionKey}`,
    { method: 'POST', body: JSON.stringify(input) },
  );
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Moves the clock a second at a time (the retry interval) until the instance ends. */
async function runToEnd(id: string): Promise<{ runtimeStatus: string; output: unknown }> {
  return waitFor(`${id} to end`, async () => {
    await runtime.idle();
    const status = await instanceStatus(runtime, id);
    if (status && ['Completed', 'Failed'].includes(status.runtimeStatus)) {
      return status;
    }
    clock.advance(1000);
    return undefined;
  });
}

describe('permanent failures are not retried', () => {
  it.each([
    ['non-retryable', 'the target rejected the request for good'],
    ['validation', 'the stored record does not match its schema'],
  ])('a %s error fails the orchestration after one attempt', async (kind, message) => {
    const id = await start('callsFailing', { kind });
    const ended = await runToEnd(id);
    expect(ended.runtimeStatus).toBe('Failed');
    expect(String(ended.output)).toContain(`Activity 'failsAs' failed (not retried): ${message}`);
    expect(attempts.get(`failsAs:${kind}`)).toBe(1);
  });

  it('an input the contract refuses fails at once, before the implementation runs', async () => {
    const id = await start('callsFailing', { kind: 'unheard-of', raw: true });
    const ended = await runToEnd(id);
    // A raw call sees the permanent failure as the activity's result; it was attempted once and never ran.
    expect(ended.runtimeStatus).toBe('Completed');
    expect(JSON.stringify(ended.output)).toContain("Activity 'failsAs' got an invalid input: input.kind");
    expect([...attempts.keys()]).toEqual([]);
  });

  it('a transient error is still retried by the policy, five attempts', async () => {
    const id = await start('callsFailing', { kind: 'transient' });
    const ended = await runToEnd(id);
    expect(ended.runtimeStatus).toBe('Failed');
    expect(String(ended.output)).toContain('the target is busy');
    expect(attempts.get('failsAs:transient')).toBe(5);
  });

  it('succeeds with the contract output when nothing fails', async () => {
    const id = await start('callsFailing', { kind: 'none' });
    expect(await runToEnd(id)).toMatchObject({ runtimeStatus: 'Completed', output: { done: true } });
    expect(attempts.get('failsAs:none')).toBe(1);
  });

  // What the extension does, and why the wrapper exists: a thrown error's type means nothing to the host.
  it('the engine retries a bare activity that throws NonRetryableError, like the Durable extension', async () => {
    const id = await start('callsBare', null);
    const ended = await runToEnd(id);
    expect(ended.runtimeStatus).toBe('Failed');
    expect(attempts.get('bareThrowsNonRetryable')).toBe(5);
  });
});
