// One runtime per data directory: a pid lock file, taken over when its owner is no longer alive (kill -9).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const heldInThisProcess = new Set<string>();

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(path.resolve(dataDir), 'runtime.lock');
  if (heldInThisProcess.has(file)) {
    throw new Error(`The data directory ${dataDir} is already in use by a runtime in this process.`);
  }
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw err;
    }
    const owner = Number(readFileSync(file, 'utf8'));
    if (owner !== process.pid && isAlive(owner)) {
      throw new Error(`The data directory ${dataDir} is in use by another runtime (pid ${owner}).`);
    }
    writeFileSync(file, String(process.pid));
  }
  heldInThisProcess.add(file);
  return {
    release() {
      heldInThisProcess.delete(file);
      rmSync(file, { force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
