// Hosts the real app (functions/index.ts) in the local runtime for end-to-end tests, with the app's
// container pointed at the runtime's data directory so both share the embedded database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../shared/config';
import { createContainer, setContainer } from '../../../shared/container';
import type { Clock } from '../../../local/clock/Clock';
import type { AzureStepExecutor } from '../../../shared/ports/AzureStepExecutor';
import { repoRoot, startTestRuntime, tempDataDir, testFunctionKey } from '../../local/support/testRuntime';

export const testSigningKey = 'test-signing-key-0123456789abcdef0123456789';
export const sampleCatalogDir = path.join(repoRoot, 'catalog');
export const alertFixturesDir = path.join(repoRoot, 'test/fixtures/alerts');

/** A payload from test/fixtures/alerts, as a monitoring system would post it. */
export function alertFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(alertFixturesDir, name), 'utf8')) as Record<string, unknown>;
}

export interface AppRuntimeOptions {
  readonly catalogDir?: string;
  readonly clock?: Clock;
  readonly maxDeliveryCount?: number;
  /** Every activity runs twice and every episode replays twice: catches non-idempotent activities. */
  readonly doubleExecution?: boolean;
  readonly settings?: Record<string, string>;
  readonly requestTimeoutMs?: number;
  /** Where the runtime's triggers read (the app's settings by default); `{}` keeps them on the embedded queue. */
  readonly triggerSettings?: Record<string, string>;
  /** Azure steps through this executor (e.g. the SDKs pointed at the ARM stand-in) instead of real Azure. */
  readonly azureStepExecutor?: AzureStepExecutor;
}

export async function startAppRuntime(options: AppRuntimeOptions = {}) {
  const dataDir = tempDataDir();
  const settings = {
    LIFEBOAT_DATA_DIR: dataDir,
    LIFEBOAT_CATALOG_DIR: options.catalogDir ?? sampleCatalogDir,
    LIFEBOAT_FUNCTION_KEY: testFunctionKey,
    LIFEBOAT_SIGNING_KEY: testSigningKey,
    // The sample runbook's secret: set, so the app does not warn about it at every start.
    LIFEBOAT_DEMO_AUTOMATION_TOKEN: 'Bearer test-demo-automation-token',
    ...options.settings,
  };
  /** The links the outbox printed, oldest first (approval requests when no SMTP is configured). */
  const outboxLines: string[] = [];
  const made = createContainer(loadConfig(settings), settings, (line) => outboxLines.push(line));
  const clock = options.clock;
  // Functions and activities read the same controllable clock as the runtime's timers and orchestrations.
  const azure = options.azureStepExecutor;
  setContainer({
    ...made,
    ...(clock ? { now: () => new Date(clock.now()) } : {}),
    ...(azure ? { azureStepExecutor: () => azure } : {}),
  });
  const started = await startTestRuntime({
    dataDir,
    loadApp: () => {
      require('../../../functions/index');
    },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.maxDeliveryCount !== undefined ? { maxDeliveryCount: options.maxDeliveryCount } : {}),
    ...(options.doubleExecution !== undefined ? { doubleExecution: options.doubleExecution } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    // The runtime reads Service Bus trigger connections from the same settings as the app.
    settings: options.triggerSettings ?? settings,
  });
  const { runtime } = started;
  const api = (route: string) => `${runtime.url}/api/${route}`;
  return {
    ...started,
    api,
    outboxLines,
    /** POSTs a JSON body (or raw text) to the intake with the key in the URL, as Azure Monitor does. */
    postAlerts: (
      body: unknown,
      init: { raw?: string; headers?: Record<string, string>; key?: string | null } = {},
    ) =>
      fetch(init.key === null ? api('alerts') : `${api('alerts')}?code=${init.key ?? testFunctionKey}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body: init.raw ?? JSON.stringify(body),
      }),
    getJson: async <T>(route: string): Promise<T> => {
      const res = await fetch(`${api(route)}${route.includes('?') ? '&' : '?'}code=${testFunctionKey}`);
      if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    /** Ids of every incident orchestration the runtime holds, sorted. */
    incidentIds: () =>
      runtime.store
        .queryInstances({ top: 1000 })
        .filter((i) => i.name === 'incident')
        .map((i) => i.instanceId)
        .sort(),
    stop: async () => {
      // Stopping runs the app's appTerminate hook, which closes the container's connections.
      await runtime.stop();
      setContainer(undefined);
    },
  };
}
