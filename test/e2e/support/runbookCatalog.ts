// Writes a temporary catalog for runbook tests: one small workload per scenario, each with its own failover
// runbook against a local HTTP target, activation on any Sev1 alert and approval asked at once.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

export interface ScenarioWorkload {
  readonly id: string;
  /** Runbook steps as catalog authors write them. */
  readonly steps: readonly Record<string, unknown>[];
  /** How alerts reach the workload; defaults to the label `service: <id>`. */
  readonly match?: Record<string, unknown>;
  /** Approval overrides besides asking at once (`observationWindow: 0s`). */
  readonly approval?: Record<string, unknown>;
  /** Activation criteria; defaults to any Sev1 or worse. */
  readonly activation?: Record<string, unknown>;
  /** Primary health checks (what `primaryProbesFailing` probes); defaults to none. */
  readonly primaryChecks?: readonly Record<string, unknown>[];
  /** Secondary health checks for validation (URLs); defaults to none. */
  readonly secondaryChecks?: readonly Record<string, unknown>[];
  /** The workload's `drills:` section as catalog authors write it; absent by default. */
  readonly drills?: Record<string, unknown>;
  /** Criticality; defaults to 1. */
  readonly tier?: number;
  /** Steps of a failback runbook (`<id>-failback`); none by default. */
  readonly failbackSteps?: readonly Record<string, unknown>[];
  /** More workload fields as authors write them (e.g. `failback`, `rollback` policies). */
  readonly extra?: Record<string, unknown>;
}

const contacts = {
  approver: [{ name: 'Alice', email: 'alice@example.com' }],
  deputy: [{ name: 'Dave', email: 'dave@example.com' }],
  executive: [{ name: 'Erin', email: 'erin@example.com' }],
};

export function writeRunbookCatalog(workloads: readonly ScenarioWorkload[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lifeboat-catalog-'));
  mkdirSync(path.join(dir, 'workloads'));
  mkdirSync(path.join(dir, 'runbooks'));
  for (const workload of workloads) {
    writeFileSync(
      path.join(dir, 'workloads', `${workload.id}.yaml`),
      stringify({
        kind: 'Workload',
        id: workload.id,
        name: `Workload ${workload.id}`,
        owner: 'team-test',
        tier: workload.tier ?? 1,
        rto: '15m',
        rpo: '5m',
        strategy: 'warm-standby',
        regions: { primary: 'westeurope', secondary: 'northeurope' },
        services: ['App Service'],
        match: workload.match ?? { labels: { service: workload.id } },
        contacts,
        approval: { observationWindow: '0s', ...workload.approval },
        activation: workload.activation ?? { activateWhen: { minSeverity: 'Sev1' } },
        ...(workload.secondaryChecks || workload.primaryChecks
          ? {
              healthChecks: {
                ...(workload.primaryChecks ? { primary: workload.primaryChecks } : {}),
                ...(workload.secondaryChecks ? { secondary: workload.secondaryChecks } : {}),
              },
            }
          : {}),
        runbooks: {
          failover: `${workload.id}-failover`,
          ...(workload.failbackSteps ? { failback: `${workload.id}-failback` } : {}),
        },
        ...(workload.drills ? { drills: workload.drills } : {}),
        ...workload.extra,
      }),
    );
    if (workload.failbackSteps) {
      writeFileSync(
        path.join(dir, 'runbooks', `${workload.id}-failback.yaml`),
        stringify({
          kind: 'Runbook',
          id: `${workload.id}-failback`,
          name: `Fail ${workload.id} back`,
          workload: workload.id,
          steps: workload.failbackSteps,
        }),
      );
    }
    writeFileSync(
      path.join(dir, 'runbooks', `${workload.id}-failover.yaml`),
      stringify({
        kind: 'Runbook',
        id: `${workload.id}-failover`,
        name: `Fail ${workload.id} over`,
        workload: workload.id,
        steps: workload.steps,
      }),
    );
  }
  return dir;
}
