// A server under test in its own process (`node <script>.js`, or `node --import tsx <script>.ts`), started
// and stopped by a bench.
//
// test/local/support/RuntimeProcess does the same for crash tests, but keeps every byte the child prints in
// a string and re-runs its readiness regex over all of it on each chunk. Under load the runtime logs two
// lines per alert (tens of megabytes in a bench), and that work would land in the load generator's own
// process. Here the child writes straight to a log file: the bench process spends nothing on it, and the
// file stays behind for a look when something goes wrong.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

export interface ChildServerOptions {
  /** A short name for messages: "baseline", "runtime". */
  readonly name: string;
  /** The script to run, relative to the repository root. */
  readonly script: string;
  /** Added to (and overriding) the bench's own environment. */
  readonly env: Record<string, string>;
  /** Extra node flags before the script, e.g. ['--cpu-prof'] (Node 20 refuses that one in NODE_OPTIONS). */
  readonly nodeArgs?: readonly string[];
  /** Environment variables of the bench not to pass on (e.g. settings that would point elsewhere). */
  readonly dropEnv?: (name: string) => boolean;
  /** Where the child's stdout and stderr go. */
  readonly logFile: string;
  /** Matches the log once the child is ready; its first group is the base URL. */
  readonly ready: RegExp;
  readonly startTimeoutMs?: number;
}

const live = new Set<ChildProcess>();

// Last resort when the bench dies without reaching its cleanup: a synchronous kill of whatever is left.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export class ChildServer {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  url = '';

  constructor(readonly options: ChildServerOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the child and resolves with its base URL once its log says it is ready. */
  async start(): Promise<string> {
    const { options } = this;
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (!options.dropEnv?.(name)) env[name] = value;
    }
    Object.assign(env, options.env);
    const fd = openSync(options.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(
        process.execPath,
        [
          ...(options.nodeArgs ?? []),
          // Built JavaScript runs as is; TypeScript sources go through tsx.
          ...(options.script.endsWith('.ts') ? ['--import', 'tsx'] : []),
          path.join(repoRoot, options.script),
        ],
        {
          cwd: repoRoot,
          env,
          stdio: ['ignore', fd, fd],
        },
      );
    } finally {
      closeSync(fd);
    }
    this.child = child;
    live.add(child);
    let exitCode: string | undefined;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        live.delete(child);
        exitCode = signal ?? String(code);
        resolve();
      }),
    );
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    for (;;) {
      const match = options.ready.exec(this.log());
      if (match?.[1]) {
        this.url = match[1];
        return this.url;
      }
      if (exitCode !== undefined) {
        throw new Error(`${options.name} exited (${exitCode}) before it was ready:\n${this.logTail()}`);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`${options.name} was not ready in time:\n${this.logTail()}`);
      }
      await sleep(100);
    }
  }

  /** SIGTERM (the runtime then stops cleanly, which also writes a --cpu-prof profile), SIGKILL if slow. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited?.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stopped) {
      child.kill('SIGKILL');
      await this.exited;
    }
  }

  log(): string {
    try {
      return readFileSync(this.options.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** The end of the log (it can run to megabytes after a load run). */
  logTail(bytes = 4000): string {
    try {
      const size = statSync(this.options.logFile).size;
      const start = Math.max(0, size - bytes);
      const buffer = Buffer.alloc(size - start);
      const fd = openSync(this.options.logFile, 'r');
      try {
        readSync(fd, buffer, 0, buffer.length, start);
      } finally {
        closeSync(fd);
      }
      return `${start > 0 ? '…' : ''}${buffer.toString('utf8')}`;
    } catch {
      return '';
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
