// `npm start`'s entry point runs the real app on embedded defaults and answers the health route.
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
