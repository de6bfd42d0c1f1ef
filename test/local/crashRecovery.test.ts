// Crash test: SIGKILL the runtime process while activities, timers and queue messages are pending; a restart
// on the same data directory finishes everything and each effect is applied exactly once at the target.
import { IdempotentTarget } from './support/IdempotentTarget';
import { RuntimeProcess } from './support/RuntimeProcess';
import { removeDir, tempDataDir, testFunctionKey, waitFor } from './support/testRuntime';

const jobCount = 24;

it('resumes in-flight orchestrations, timers and messages after kill -9 with no effect lost or doubled', async () => {
  const dataDir = tempDataDir();
  // Slow answers keep work in flight at the moment of the kill: step 2 on its first call, jobs always.
  const target = new IdempotentTarget((key, n) =>
    key.endsWith(':2') && n === 1 ? 3000 : key.startsWith('job:') ? 150 : 0,
  );
  const targetUrl = await target.start();
  const env = {
    LIFEBOAT_DATA_DIR: dataDir,
    LIFEBOAT_FUNCTION_KEY: testFunctionKey,
    LIFEBOAT_APP_ENTRY: 'test/local/apps/crashApp.ts',
    CRASH_TARGET_URL: targetUrl,
  };
  const ids = Array.from({ length: jobCount }, (_, i) => `crash-${i}`);
  let runtime = new RuntimeProcess(env);
  try {
    const url = await runtime.start();
    const enqueued = await fetch(`${url}/api/enqueue?code=${testFunctionKey}`, {
      method: 'POST',
      body: JSON.stringify({ ids }),
    });
    expect(enqueued.status).toBe(202);
    await waitFor(
      'a step 2 in flight',
      () => ([...target.calls.keys()].some((k) => k.endsWith(':2')) ? true : undefined),
      30000,
    );
    await runtime.kill('SIGKILL');
    const appliedAtCrash = target.applied.length;
    expect(appliedAtCrash).toBeLessThan(ids.length * 4); // work was genuinely pending

    runtime = new RuntimeProcess(env);
    const restartedUrl = await runtime.start();
    await waitFor(
      'every orchestration to complete',
      async () => {
        const res = await fetch(
          `${restartedUrl}/runtime/webhooks/durabletask/instances/?runtimeStatus=Completed&top=1000&code=${testFunctionKey}`,
        );
        const completed = (await res.json()) as unknown[];
        return completed.length === ids.length ? true : undefined;
      },
      60000,
    );

    const expected = ids.flatMap((id) => [`job:${id}`, `${id}:1`, `${id}:2`, `${id}:3`]);
    expect([...target.applied].sort()).toEqual([...expected].sort());
    // The crash interrupted at least one step, which ran again: at-least-once, made safe by the key.
    expect([...target.calls.values()].some((n) => n > 1)).toBe(true);
  } finally {
    await runtime.kill('SIGKILL');
    await target.stop();
    removeDir(dataDir);
  }
});
