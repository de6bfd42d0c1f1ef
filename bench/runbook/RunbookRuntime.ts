// The real app on the local runtime as `npm start` runs it (built, a child process, its own data directory),
// and the calls the bench makes to it over HTTP, as a monitoring system and an approver would: raise an
// alert, approve the incident, read the incident back. Responses are validated with the app's own schemas.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES } from '../../shared/domain/auth/Role';
import { type IncidentStatus, isTerminal } from '../../shared/domain/incident/IncidentStatus';
import {
  incidentSummarySchema,
  incidentViewSchema,
  type IncidentView,
} from '../../shared/domain/incident/incidentView';
import { ChildServer, sleep } from '../support/ChildServer';

export interface RuntimeKeys {
  /** The function key: the alert intake's `?code=`. */
  readonly functionKey: string;
  /** An operator key holding every role (approve and read). */
  readonly operatorKey: string;
}

export interface RuntimeOptions {
  readonly name: string;
  readonly workDir: string;
  readonly catalogDir: string;
  readonly keys: RuntimeKeys;
  readonly nodeArgs: readonly string[];
}

const incidentListSchema = z.object({ items: z.array(incidentSummarySchema) });

/** How often the bench reads an incident while it waits for a status (each read costs the runtime). */
const STATUS_POLL_MS = 100;

export class RunbookRuntime {
  private constructor(
    readonly child: ChildServer,
    readonly dataDir: string,
    private readonly keys: RuntimeKeys,
  ) {}

  static async start(options: RuntimeOptions): Promise<RunbookRuntime> {
    const dataDir = path.join(options.workDir, options.name);
    mkdirSync(dataDir);
    const child = new ChildServer({
      name: options.name,
      script: 'dist/local/start.js',
      env: {
        LIFEBOAT_PORT: '0',
        LIFEBOAT_DATA_DIR: dataDir,
        LIFEBOAT_CATALOG_DIR: options.catalogDir,
        LIFEBOAT_FUNCTION_KEY: options.keys.functionKey,
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([
          { key: options.keys.operatorKey, name: 'bench', roles: [...ROLES] },
        ]),
        // Should `npm start` bring up the demo app by default, the bench must not share the CPU with it.
        LIFEBOAT_DEMO_APP: 'false',
      },
      nodeArgs: options.nodeArgs,
      // Whatever the shell has set must not point the runtime at Cosmos DB, Service Bus or other keys.
      dropEnv: (env) => env.startsWith('LIFEBOAT_') || env.startsWith('ServiceBusConnection'),
      logFile: path.join(options.workDir, `${options.name}.log`),
      ready: /listening on (http:\/\/[\d.]+:\d+)[\s\S]*health:/,
    });
    const runtime = new RunbookRuntime(child, dataDir, options.keys);
    await child.start();
    return runtime;
  }

  /**
   * Raises a Sev1 alert for the workload (lifeboat.alert/v1, routed by its `service` label) and waits for
   * the incident it opens to await approval; returns the incident's id.
   */
  async raiseIncident(workloadId: string, alertId: string, timeoutMs: number): Promise<string> {
    const response = await fetch(
      `${this.child.url}/api/alerts?code=${encodeURIComponent(this.keys.functionKey)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          schema: 'lifeboat.alert/v1',
          alerts: [
            {
              source: 'bench',
              id: alertId,
              status: 'fired',
              severity: 'Sev1',
              summary: `${workloadId} is down (runbook bench)`,
              firedAt: new Date(Date.now() - 60_000).toISOString(),
              labels: { service: workloadId },
            },
          ],
        }),
      },
    );
    if (response.status !== 202) {
      throw new Error(`POST /api/alerts answered ${response.status}: ${await response.text()}`);
    }
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const list = incidentListSchema.parse(
        await this.getJson(`incidents?workload=${encodeURIComponent(workloadId)}`),
      );
      const waiting = list.items.find((i) => i.status === 'awaiting-approval');
      if (waiting) return waiting.id;
      if (performance.now() > deadline) {
        throw new Error(`No incident of ${workloadId} awaited approval: ${JSON.stringify(list.items)}`);
      }
      await sleep(STATUS_POLL_MS);
    }
  }

  /**
   * Approves as an approver would, again after a 409 `invalid_state` while the incident still awaits
   * approval: the incident shows `awaiting-approval` a moment before its approval request is recorded.
   */
  async approve(incidentId: string, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const response = await fetch(
        `${this.child.url}/api/incidents/${encodeURIComponent(incidentId)}/actions/approve`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${this.keys.operatorKey}`, 'content-type': 'application/json' },
          body: '',
        },
      );
      if (response.status === 202) {
        return;
      }
      const body = await response.text();
      const notYet = response.status === 409 && body.includes('"status":"awaiting-approval"');
      if (!notYet || performance.now() > deadline) {
        throw new Error(`Approving ${incidentId} answered ${response.status}: ${body}`);
      }
      await sleep(STATUS_POLL_MS);
    }
  }

  async incident(incidentId: string): Promise<IncidentView> {
    return incidentViewSchema.parse(await this.getJson(`incidents/${encodeURIComponent(incidentId)}`));
  }

  /** Polls the incident until it reaches `status`; throws if it ends otherwise or the time runs out. */
  async waitForStatus(incidentId: string, status: IncidentStatus, timeoutMs: number): Promise<IncidentView> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const incident = await this.incident(incidentId);
      if (incident.status === status) return incident;
      if (isTerminal(incident.status) || incident.status === 'paused') {
        throw new Error(
          `Incident ${incidentId} is ${incident.status}, not ${status}: ` +
            `${incident.outcome?.reason ?? incident.timeline.at(-1)?.message ?? ''}`,
        );
      }
      if (performance.now() > deadline) {
        throw new Error(`Incident ${incidentId} was still ${incident.status} after ${timeoutMs / 1000} s`);
      }
      await sleep(STATUS_POLL_MS);
    }
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  private async getJson(route: string): Promise<unknown> {
    const response = await fetch(`${this.child.url}/api/${route}`, {
      headers: { authorization: `Bearer ${this.keys.operatorKey}` },
    });
    if (response.status !== 200) {
      throw new Error(`GET /api/${route} answered ${response.status}: ${await response.text()}`);
    }
    return response.json();
  }
}
