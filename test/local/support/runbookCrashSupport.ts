// For the runbook crash test: a temporary catalog whose orders-api failover runbook targets a running demo
// app, and a client that drives an incident over HTTP as an alert source and operators would.
import { DEFAULT_COSMOS_ACCOUNT, type RunningDemoApp } from '../../../local/demo/TwoRegionDemoApp';
import { writeRunbookCatalog } from '../../e2e/support/runbookCatalog';
import { testFunctionKey } from './testRuntime';

export const CRASH_WORKLOAD_ID = 'orders-api';

/** The app setting the cosmos step's Authorization header names; the runtime child reads it from its env. */
export const AUTOMATION_TOKEN_SETTING = 'LIFEBOAT_DEMO_AUTOMATION_TOKEN';

export const OPERATOR_KEYS = {
  viewer: 'crash-viewer-key-0123456789abcdef',
  operator: 'crash-operator-key-0123456789abcdef',
  approver: 'crash-approver-key-0123456789abcdef',
} as const;

/** LIFEBOAT_OPERATOR_KEYS for the runtime child. */
export const operatorKeysSetting = JSON.stringify([
  { key: OPERATOR_KEYS.viewer, name: 'vera', roles: ['viewer'] },
  { key: OPERATOR_KEYS.operator, name: 'oscar', roles: ['operator'] },
  { key: OPERATOR_KEYS.approver, name: 'alice', roles: ['approver'] },
]);

/**
 * The steps of catalog/runbooks/orders-api-failover.yaml against the demo's actual URLs, with timings short
 * enough for a test: retries a second apart, a 1s wait, probes a second apart.
 */
export function writeDemoFailoverCatalog(demo: RunningDemoApp): string {
  const quickRetry = (preset: string, maxAttempts: number) => ({
    preset,
    maxAttempts,
    firstInterval: '1s',
    maxInterval: '2s',
  });
  return writeRunbookCatalog([
    {
      id: CRASH_WORKLOAD_ID,
      secondaryChecks: [
        { name: 'orders-api', url: `${demo.urls.secondary}/health`, consecutivePasses: 2, deadline: '1m' },
      ],
      steps: [
        {
          id: 'freeze-writes',
          name: 'Put the primary in maintenance mode',
          type: 'http',
          request: {
            method: 'POST',
            url: `${demo.urls.primary}/admin/maintenance`,
            body: { enabled: true, reason: 'DR failover' },
          },
          timeout: '30s',
          retry: quickRetry('standard', 3),
          onFailure: 'continue',
        },
        {
          id: 'failover-cosmos',
          name: 'Fail over the Cosmos DB write region',
          type: 'http',
          request: {
            method: 'POST',
            url: `${demo.urls.automation}/cosmos/failover`,
            headers: { Authorization: { secret: AUTOMATION_TOKEN_SETTING } },
            body: { account: DEFAULT_COSMOS_ACCOUNT, writeRegion: 'northeurope' },
            expectStatus: [200, 202],
          },
          timeout: '30s',
          retry: quickRetry('patient', 4),
          onFailure: 'pause',
        },
        { id: 'wait-for-replication', name: 'Let replication settle', type: 'wait', duration: '1s' },
        {
          id: 'switch-traffic',
          name: 'Switch traffic to North Europe',
          type: 'http',
          request: {
            method: 'POST',
            url: `${demo.urls.automation}/traffic/switch`,
            body: { to: 'northeurope' },
          },
          retry: quickRetry('standard', 3),
        },
        {
          id: 'validate-secondary',
          name: 'Secondary serves orders',
          type: 'healthCheck',
          target: 'secondary',
          consecutivePasses: 2,
          interval: '1s',
          deadline: '30s',
        },
        {
          id: 'smoke-test',
          name: 'Confirm customer-facing smoke test',
          type: 'manual',
          timeout: '30m',
          instructions: 'Place a test order and check that it appears in **My orders**.',
        },
      ],
    },
  ]);
}

export interface StepView {
  readonly id: string;
  readonly status: string;
  readonly attempts: number;
  readonly error?: string;
}

export interface IncidentView {
  readonly id: string;
  readonly status: string;
  readonly approval: { readonly status: string };
  readonly rto: { readonly targetSeconds: number; readonly elapsedSeconds: number; readonly met?: boolean };
  readonly steps: readonly StepView[];
  readonly outcome?: { readonly status: string; readonly reason: string };
  readonly timeline: readonly { readonly type: string; readonly message: string }[];
}

/** Talks to one runtime's public API; a restarted runtime gets a new client (its port changes). */
export class LifeboatClient {
  constructor(private readonly baseUrl: string) {}

  /** Posts one firing Sev0 alert for the workload, as a generic monitoring source would. */
  async raiseSev0(workloadId: string, alertId: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/alerts?code=${testFunctionKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schema: 'lifeboat.alert/v1',
        alerts: [
          {
            source: 'synthetic',
            id: alertId,
            status: 'fired',
            severity: 'Sev0',
            summary: `${workloadId} is down in westeurope`,
            firedAt: new Date(Date.now() - 60_000).toISOString(),
            labels: { service: workloadId },
          },
        ],
      }),
    });
    if (res.status !== 202) {
      throw new Error(`POST /api/alerts answered ${res.status}: ${await res.text()}`);
    }
  }

  /**
   * The id of the workload's incident once approval has been asked for. The status turns awaiting-approval
   * a moment before the approval gate records its request, and until then `approve` answers 409.
   */
  async approvalPending(workloadId: string): Promise<string | undefined> {
    const list = await this.getJson<{ items: { id: string; status: string }[] }>(
      `incidents?workload=${encodeURIComponent(workloadId)}`,
    );
    const id = list.items.find((i) => i.status === 'awaiting-approval')?.id;
    return id !== undefined && (await this.incident(id)).approval.status === 'pending' ? id : undefined;
  }

  incident(id: string): Promise<IncidentView> {
    return this.getJson<IncidentView>(`incidents/${encodeURIComponent(id)}`);
  }

  /** An operator action; resolves with the response status. */
  async act(id: string, action: string, key: string, body?: Record<string, unknown>): Promise<number> {
    const res = await fetch(`${this.baseUrl}/api/incidents/${encodeURIComponent(id)}/actions/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
    });
    await res.body?.cancel();
    return res.status;
  }

  private async getJson<T>(route: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/${route}`, {
      headers: { authorization: `Bearer ${OPERATOR_KEYS.viewer}` },
    });
    if (res.status !== 200) {
      throw new Error(`GET /api/${route} answered ${res.status}: ${await res.text()}`);
    }
    return (await res.json()) as T;
  }
}

/** Arms a fault on the demo through its control API, as a tester at a terminal would. */
export async function armDemoFault(demo: RunningDemoApp, fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${demo.urls.automation}/demo/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (res.status !== 201) {
    throw new Error(`POST /demo/faults answered ${res.status}: ${await res.text()}`);
  }
}

/** The value of an Idempotency-Key header: a structured-field string, i.e. quoted. */
export function unquoteKey(header: string | undefined): string | undefined {
  return header === undefined ? undefined : (JSON.parse(header) as string);
}
