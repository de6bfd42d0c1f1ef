// Regression (issue 21, missing data dir): the lock file's directory is created, and a runtime killed with
// kill -9 but not yet reaped by its parent (a zombie, which `kill(pid, 0)` still finds) no longer keeps the
// next start out, while a live runtime always does, with a message that says what to do.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOCK_FILE, lockDataDir } from '../../local/dataDirLock';
import { removeDir, repoRoot, tempDataDir, waitFor } from './support/testRuntime';

const holderScript = path.join(repoRoot, 'test/local/support/holdDataDirLock.ts');
let dirs: string[] = [];
let children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) removeDir(dir);
  dirs = [];
  children = [];
});

function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

/**
 * Runs the lock holder under `sh`, which then replaces itself with `sleep`: the holder's parent is a
 * process that never waits for children, so once killed the holder stays a zombie until `sleep` ends.
 */
async function startHolder(dir: string): Promise<number> {
  const child = spawn(
    'sh',
    ['-c', `"$0" --import tsx "$1" "$2" & exec sleep 120`, process.execPath, holderScript, dir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pid = await waitFor('the holder to take the lock', () => /locked (\d+)/.exec(output)?.[1], 30000);
  return Number(pid);
}

function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

it('creates a data directory that does not exist yet', () => {
  const dir = path.join(dataDir(), 'not', 'there', 'yet');
  const lock = lockDataDir(dir);
  lock.release();
});

it('refuses a second lock in the same process until the first is released', () => {
  const dir = dataDir();
  const lock = lockDataDir(dir);
  expect(() => lockDataDir(dir)).toThrow(
    `The data directory ${dir} is already in use by a runtime in this process.`,
  );
  lock.release();
  lockDataDir(dir).release();
});

it('refuses while another runtime holds it, names its pid and says what to do; a killed one lets go at once', async () => {
  const dir = dataDir();
  const pid = await startHolder(dir);
  expect(() => lockDataDir(dir)).toThrow(
    `The data directory ${dir} is in use by another runtime (pid ${pid}), which is still running. Stop that runtime (Ctrl+C where it runs, or kill ${pid}), or set LIFEBOAT_DATA_DIR to another directory.`,
  );

  process.kill(pid, 'SIGKILL');
  // Not reaped: the process still exists as a zombie, as a freshly killed runtime does for a moment.
  await waitFor('the holder to be a zombie', () => (processState(pid) === 'Z' ? true : undefined));
  const lock = lockDataDir(dir);
  lock.release();
});

it("takes over an earlier version's pid file when its process is gone, and refuses it while that runs", async () => {
  const dir = dataDir();
  const live = await startHolder(dataDir()); // any running process of ours will do as the old holder
  writeFileSync(path.join(dir, LOCK_FILE), String(live));
  expect(() => lockDataDir(dir)).toThrow(
    `is in use by an earlier runtime (pid ${live}), which is still running`,
  );

  process.kill(live, 'SIGKILL');
  await waitFor('the old holder to be a zombie', () => (processState(live) === 'Z' ? true : undefined));
  lockDataDir(dir).release();
});
