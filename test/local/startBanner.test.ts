// `npm start`'s banner says what each route expects, and a taken port gets a hint instead of a raw EADDRINUSE.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { RuntimeProcess } from './support/RuntimeProcess';
import { removeDir, repoRoot, tempDataDir } from './support/testRuntime';

it('labels routes by the credential the app checks, and names LIFEBOAT_PORT when the port is taken', async () => {
  const dataDir = tempDataDir();
  const otherDir = tempDataDir();
  const runtime = new RuntimeProcess({ LIFEBOAT_DATA_DIR: dataDir });
  try {
    const url = await runtime.start();
    const out = runtime.output;
    expect(out).toMatch(/functions: +\d+ \(\d+ HTTP routes below; the rest are queue triggers/);
    expect(out).toMatch(/POST +http:\S+\/api\/alerts +\[intake key\]/);
    expect(out).toMatch(/GET +http:\S+\/api\/alerts +\[function key\]/);
    expect(out).toMatch(/GET +http:\S+\/api\/incidents +\[operator key\]/);
    expect(out).toMatch(/GET +http:\S+\/api\/approvals\/\{token\} +\[signed link\]/);
    expect(out).toMatch(/GET +http:\S+\/api\/health +\[anonymous\]/);
    expect(out).toMatch(/GET +http:\S+\/api\/console +\[console sign-in\]/);
    expect(out).toMatch(/console: +http:\S+\/api\/console +\(sign in with the operator key\)/);

    const port = new URL(url).port;
    const second = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'local/start.ts')], {
      cwd: repoRoot,
      env: { ...process.env, LIFEBOAT_DEMO_APP: 'false', LIFEBOAT_DATA_DIR: otherDir, LIFEBOAT_PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    second.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    second.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(
      /EADDRINUSE.*: the port is taken \(another Lifeboat\?\)\. Set LIFEBOAT_PORT to another port, or 0 for a free one\./,
    );
  } finally {
    await runtime.kill('SIGTERM');
    removeDir(dataDir);
    removeDir(otherDir);
  }
});
