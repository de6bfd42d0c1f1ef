// Runs `local/start.ts` in a child process (through tsx), as `npm start` would, for crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './testRuntime';

export class RuntimeProcess {
  private child?: ChildProcess;
  output = '';

  /** `entry`: the start script, relative to the repository (local/startCosmos.ts for `npm run start:cosmos`). */
  constructor(
    private readonly env: Record<string, string>,
    private readonly entry = 'local/start.ts',
  ) {}

  /** The child's pid while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether the child has exited (crashed) since it started. */
  get exited(): boolean {
    return this.child !== undefined && (this.child.exitCode !== null || this.child.signalCode !== null);
  }

  /** Starts the runtime and resolves with its base URL once it listens. */
  start(): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, this.entry)], {
      cwd: repoRoot,
      // The demo app listens on fixed ports; tests running side by side would fight over them.
      env: { ...process.env, LIFEBOAT_DEMO_APP: 'false', ...this.env, LIFEBOAT_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`runtime did not start:\n${this.output}`)), 60000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        // The banner ends with the health line; by then everything above it has printed.
        const match = /listening on (http:\/\/[\d.]+:\d+)[\s\S]*health:/.exec(this.output);
        if (match?.[1]) {
          clearTimeout(timeout);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timeout);
        reject(new Error(`runtime exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** SIGKILL: no shutdown hooks, no flushing, like a crashed host. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
