// Regression (issue 21, full disk): with the data directory unable to take writes, the runtime exited on an
// uncaught SQLITE_FULL from its timer loop while /api/health said the database was fine. A file-size limit
// set on the running child (prlimit, no root needed) makes every append to the database's log fail the way a
// full disk does; lifting it is space coming back. The runtime must stay up, answer 503 for intake, report
// the database unhealthy, and carry on by itself afterwards with every accepted alert kept.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { RuntimeProcess } from './support/RuntimeProcess';
import { removeDir, tempDataDir, testFunctionKey, waitFor } from './support/testRuntime';

const key = testFunctionKey;

function alertBody(id: string) {
  return JSON.stringify({
    schema: 'lifeboat.alert/v1',
    alerts: [
      {
        source: 'full-disk-test',
        id,
        status: 'fired',
        severity: 'Sev2',
        summary: `alert ${id}`,
        firedAt: '2026-11-22T03:00:00Z',
        labels: { service: 'orders-api' },
      },
    ],
  });
}

async function postAlert(url: string, id: string): Promise<Response> {
  return fetch(`${url}/api/alerts?code=${key}`, { method: 'POST', body: alertBody(id) });
}

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: await res.json() };
}

async function storedAlertIds(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/alerts?limit=500&code=${key}`);
  const body = (await res.json()) as { items: { sourceAlertId: string }[] };
  const prefix = 'full-disk-test:';
  return body.items
    .filter((a) => a.sourceAlertId.startsWith(prefix))
    .map((a) => a.sourceAlertId.slice(prefix.length));
}

async function tickerStatus(
  url: string,
): Promise<{ runtimeStatus: string; customStatus: { tick?: number } | null }> {
  const res = await fetch(`${url}/runtime/webhooks/durabletask/instances/ticker?code=${key}`);
  return (await res.json()) as { runtimeStatus: string; customStatus: { tick?: number } | null };
}

/** Sets the child's soft file-size limit (bytes, or 'unlimited'); the hard limit stays unlimited. */
function limitFileSize(pid: number, limit: number | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${limit}:unlimited`]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('survives a full disk: intake 503, health unhealthy, no crash, recovery, nothing accepted lost', async () => {
  const dataDir = tempDataDir();
  const env = {
    LIFEBOAT_DATA_DIR: dataDir,
    LIFEBOAT_FUNCTION_KEY: key,
    LIFEBOAT_APP_ENTRY: 'test/local/apps/fullDiskApp.ts',
  };
  let runtime = new RuntimeProcess(env);
  try {
    const url = await runtime.start();
    const pid = runtime.pid ?? 0;
    const accepted: string[] = [];
    for (const id of ['before-1', 'before-2', 'before-3']) {
      const res = await postAlert(url, id);
      expect(res.status).toBe(202);
      accepted.push(id);
    }
    const started = await fetch(
      `${url}/runtime/webhooks/durabletask/orchestrators/fullDiskTicker/ticker?code=${key}`,
      { method: 'POST', body: '60' },
    );
    expect(started.status).toBe(202);
    await waitFor(
      'the ticker to tick',
      async () => ((await tickerStatus(url)).customStatus?.tick ?? 0) >= 3 || undefined,
    );

    // The disk is full: nothing more fits in the write-ahead log.
    limitFileSize(pid, statSync(path.join(dataDir, 'lifeboat.db-wal')).size);

    const refused = await postAlert(url, 'during-1');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'enqueue_unavailable' } });
    const degraded = await health(url);
    expect(degraded.status).toBe(503);
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      checks: [
        { name: 'embedded-database', ok: false, detail: expect.stringMatching(/SQLITE_(FULL|IOERR)/) },
      ],
    });
    // Timers keep falling due and activities keep finishing while nothing can be written: the runtime stays
    // up and the ticker stands still.
    const frozenAt = (await tickerStatus(url)).customStatus?.tick;
    await sleep(3000);
    expect(runtime.exited).toBe(false);
    expect((await tickerStatus(url)).customStatus?.tick).toBe(frozenAt);
    expect((await health(url)).status).toBe(503);
    expect(runtime.output).toMatch(/Alerts could not be enqueued.*"transient":true/);
    expect(runtime.output).toContain('The embedded database cannot write; background work waits and retries');

    // Space returns: everything carries on by itself.
    limitFileSize(pid, 'unlimited');
    await waitFor(
      'health to recover',
      async () => ((await health(url)).status === 200 ? true : undefined),
      20000,
    );
    await waitFor(
      'the ticker to complete',
      async () => ((await tickerStatus(url)).runtimeStatus === 'Completed' ? true : undefined),
      60000,
    );
    expect(runtime.output).toContain('Background writes succeed again');
    for (const id of ['after-1', 'after-2']) {
      const res = await postAlert(url, id);
      expect(res.status).toBe(202);
      accepted.push(id);
    }
    await waitFor('every accepted alert to be stored', async () => {
      const stored = await storedAlertIds(url);
      return accepted.every((id) => stored.includes(id)) ? true : undefined;
    });
    expect(runtime.exited).toBe(false);

    // And after a crash and restart, every accepted alert is still there.
    await runtime.kill('SIGKILL');
    runtime = new RuntimeProcess(env);
    const restarted = await runtime.start();
    expect([...(await storedAlertIds(restarted))].sort()).toEqual([...accepted].sort());
  } finally {
    await runtime.kill('SIGKILL');
    removeDir(dataDir);
  }
});
