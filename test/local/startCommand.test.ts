// `npm start`'s entry point runs the real app on embedded defaults and answers the health route.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RuntimeProcess } from './support/RuntimeProcess';
import { removeDir, tempDataDir } from './support/testRuntime';

it('starts the app with no Azure and answers GET /api/health', async () => {
  const dataDir = tempDataDir();
  const runtime = new RuntimeProcess({ LIFEBOAT_DATA_DIR: dataDir });
  try {
    const url = await runtime.start();
    expect(runtime.output).toMatch(/function key: +\S+/);
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: [{ name: 'embedded-database', ok: true }] });
  } finally {
    await runtime.kill('SIGTERM');
    removeDir(dataDir);
  }
});

// Regression (issue 21): with every generated secret supplied nothing else created the data directory, and
// the start failed with ENOENT on runtime.lock.
it('starts on a data directory that does not exist yet when every generated secret is supplied', async () => {
  const parent = tempDataDir();
  const dataDir = path.join(parent, 'fresh', 'data');
  const runtime = new RuntimeProcess({
    LIFEBOAT_DATA_DIR: dataDir,
    LIFEBOAT_FUNCTION_KEY: 'supplied-function-key-0123456789',
    LIFEBOAT_SIGNING_KEY: 'supplied-signing-key-0123456789abcdef',
    LIFEBOAT_OPERATOR_KEYS: JSON.stringify([
      { key: 'supplied-operator-key-0123456789', name: 'ops', roles: ['viewer'] },
    ]),
    LIFEBOAT_DEMO_AUTOMATION_TOKEN: 'Bearer supplied-demo-token',
  });
  try {
    const url = await runtime.start();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect(existsSync(path.join(dataDir, 'lifeboat.db'))).toBe(true);
  } finally {
    await runtime.kill('SIGTERM');
    removeDir(parent);
  }
});
