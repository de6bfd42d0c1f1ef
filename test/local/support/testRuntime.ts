// Starts the local runtime in-process on a temporary data directory for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock, type Clock } from '../../../local/clock/Clock';
import { LocalRuntime } from '../../../local/LocalRuntime';
import { memoryLogger } from '../../../local/RuntimeLogger';

export const testFunctionKey = 'test-function-key-0123456789';
export const repoRoot = path.resolve(__dirname, '../../..');

export interface TestRuntimeOptions {
  readonly loadApp: () => void;
  readonly dataDir?: string;
  readonly clock?: Clock;
  readonly doubleExecution?: boolean;
  readonly maxDeliveryCount?: number;
  readonly requestTimeoutMs?: number;
  readonly messageLockDurationMs?: number;
  /** host.json to read (the repository's by default). */
  readonly hostJsonPath?: string;
  /** App settings Service Bus trigger connections are read from (none by default: the embedded queue). */
  readonly settings?: Readonly<Record<string, string | undefined>>;
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'lifeboat-test-'));
}

export async function startTestRuntime(options: TestRuntimeOptions) {
  const dataDir = options.dataDir ?? tempDataDir();
  const logger = memoryLogger();
  const runtime = await LocalRuntime.start({
    dataDir,
    port: 0,
    functionKey: testFunctionKey,
    hostJsonPath: options.hostJsonPath ?? path.join(repoRoot, 'host.json'),
    loadApp: options.loadApp,
    settings: options.settings ?? {},
    clock: options.clock ?? new ManualClock(),
    logger,
    ...(options.doubleExecution !== undefined ? { doubleExecution: options.doubleExecution } : {}),
    ...(options.maxDeliveryCount !== undefined ? { maxDeliveryCount: options.maxDeliveryCount } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.messageLockDurationMs !== undefined
      ? { messageLockDurationMs: options.messageLockDurationMs }
      : {}),
  });
  return { runtime, dataDir, logger };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Polls until the check returns a value, or fails with the last observation. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  historyEvents?: Record<string, unknown>[];
}

/** Reads an instance's status through the management webhook, as an operator would. */
export async function instanceStatus(
  runtime: LocalRuntime,
  instanceId: string,
  showHistory = false,
): Promise<InstanceStatus | undefined> {
  const res = await fetch(
    `${runtime.url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}?code=${testFunctionKey}${showHistory ? '&showHistory=true&showHistoryOutput=true' : ''}`,
  );
  if (res.status === 404) {
    return undefined;
  }
  return (await res.json()) as InstanceStatus;
}

export async function waitForStatus(
  runtime: LocalRuntime,
  instanceId: string,
  statuses: string[],
  timeoutMs = 15000,
): Promise<InstanceStatus> {
  return waitFor(
    `${instanceId} to reach ${statuses.join('/')}`,
    async () => {
      const status = await instanceStatus(runtime, instanceId);
      return status && statuses.includes(status.runtimeStatus) ? status : undefined;
    },
    timeoutMs,
  );
}
