// Evaluates a workload's DR readiness: probes the secondary's (and the primary's) health checks once each,
// reads replication lag from every source, and checks that approvers can be reached, that the runbooks'
// secrets are set, their hosts resolve and their Azure steps' targets can be read, and how old the last drill
// is. It reads and never changes a target (GETs and DNS lookups only). The result is recorded with its history; a change of state is told
// to the workload's owners (once: the store says which evaluation changed it).
import { createHash } from 'node:crypto';
import type { Catalog } from '../domain/catalog/Catalog';
import { findRunbook } from '../domain/catalog/Catalog';
import type { Workload } from '../domain/catalog/Workload';
import type { IncidentMode } from '../domain/incident/IncidentMode';
import { lagOutcome, lagThresholds, unreadableLag } from '../domain/readiness/lagThresholds';
import { approverStaffing, type ConfiguredChannels } from '../domain/readiness/approverStaffing';
import { drillOutcome, type LastDrill } from '../domain/readiness/drillOutcome';
import { healthOutcomes, type ProbeOutcome } from '../domain/readiness/healthOutcomes';
import { hostOutcome, httpStepHosts } from '../domain/readiness/httpStepHosts';
import { azureStepsOf, azureTargetOutcome } from '../domain/readiness/azureTargets';
import {
  readinessReasons,
  readinessResultId,
  readinessState,
  type CheckOutcome,
  type LagMeasurement,
  type ReadinessResult,
  type ReadinessState,
} from '../domain/readiness/ReadinessResult';
import { runbookSecretsOutcome } from '../domain/readiness/runbookSecretsOutcome';
import type { SecretLookup } from '../domain/runbook/resolveHttpRequest';
import type { AzureStepExecutor } from '../ports/AzureStepExecutor';
import type { HealthProbe } from '../ports/HealthProbe';
import type { HostResolver } from '../ports/HostResolver';
import type { IncidentStore } from '../ports/IncidentStore';
import type { LagReader } from '../ports/LagReader';
import type { ReadinessStore } from '../ports/ReadinessStore';
import type { Logger } from '../logging';
import { errorMessage } from '../errors';

/** One probe per health check: readiness asks "does it answer now", not "N passes in a row". */
export const READINESS_PROBE_TIMEOUT_MS = 10_000;

export type ReadinessTrigger = ReadinessResult['trigger'];

export interface ReadinessChange {
  readonly workload: Workload;
  readonly result: ReadinessResult;
  readonly previousState?: ReadinessState;
}

export interface ReadinessEvaluatorDeps {
  readonly catalog: () => Catalog;
  readonly healthProbe: HealthProbe;
  readonly lagReader: LagReader;
  readonly hostResolver: HostResolver;
  /** Reads each Azure step's target (`checkTarget`: GETs only). */
  readonly azureSteps: Pick<AzureStepExecutor, 'checkTarget'>;
  readonly incidents: Pick<IncidentStore, 'list'>;
  readonly readiness: ReadinessStore;
  readonly secret: SecretLookup;
  readonly channels: ConfiguredChannels;
  /** Tells the owners and publishes the event; called once per change of state. */
  readonly tell: (change: ReadinessChange) => Promise<void>;
  readonly log: Logger;
}

export interface RecordedEvaluation {
  readonly result: ReadinessResult;
  /** Whether this evaluation changed the workload's state (and the owners were told). */
  readonly changed: boolean;
}

export class ReadinessEvaluator {
  constructor(private readonly deps: ReadinessEvaluatorDeps) {}

  /** Evaluates and records every workload whose last evaluation is older than its `readiness.every`. */
  async evaluateDue(now: Date): Promise<RecordedEvaluation[]> {
    const done: RecordedEvaluation[] = [];
    for (const workload of this.deps.catalog().workloads) {
      const latest = await this.deps.readiness.latest(workload.id);
      const dueAt =
        latest === undefined ? 0 : Date.parse(latest.evaluatedAt) + workload.readiness.everySeconds * 1000;
      if (dueAt > now.getTime()) continue;
      try {
        done.push(await this.evaluateAndRecord(workload, 'schedule', now));
      } catch (err) {
        // One workload's broken store write does not stop the others' evaluations.
        this.deps.log.error('Readiness evaluation failed', {
          workloadId: workload.id,
          error: errorMessage(err),
        });
      }
    }
    return done;
  }

  /** `now`: the caller's clock (the container's, which tests control). */
  async evaluateAndRecord(
    workload: Workload,
    trigger: ReadinessTrigger,
    now: Date,
  ): Promise<RecordedEvaluation> {
    const result = await this.evaluate(workload, trigger, now);
    const recorded = await this.deps.readiness.record(result);
    const changed =
      recorded.latest &&
      (recorded.previousState === undefined
        ? result.state !== 'ready'
        : recorded.previousState !== result.state);
    if (changed) {
      await this.deps.tell({
        workload,
        result,
        ...(recorded.previousState ? { previousState: recorded.previousState } : {}),
      });
    }
    return { result, changed };
  }

  /** Runs every check; records nothing. */
  async evaluate(workload: Workload, trigger: ReadinessTrigger, now: Date): Promise<ReadinessResult> {
    const { deps } = this;
    const catalog = deps.catalog();
    const latest = await deps.readiness.latest(workload.id);
    const healthChecks = workload.readiness.healthChecks ?? workload.healthChecks;
    const [secondary, primary, replication, hosts, azureTargets, lastDrill] = await Promise.all([
      this.probe(healthChecks.secondary),
      this.probe(healthChecks.primary),
      this.replication(workload, now),
      this.hosts(catalog, workload),
      this.azureTargets(catalog, workload),
      this.lastDrill(workload.id),
    ]);
    const runbook = this.runbookFingerprint(catalog, workload, latest, now);
    const checks: CheckOutcome[] = [
      ...healthOutcomes('secondary', healthChecks.secondary, secondary),
      ...healthOutcomes('primary', healthChecks.primary, primary),
      ...replication.outcomes,
      ...approverStaffing(workload, deps.channels),
      ...runbookSecretsOutcome(catalog, workload, deps.secret),
      ...hosts,
      ...azureTargets,
      ...drillOutcome(lastDrill, workload.readiness.drillEverySeconds, runbook?.since, now),
    ];
    const evaluatedAt = now.toISOString();
    return {
      id: readinessResultId(workload.id, evaluatedAt, trigger),
      workloadId: workload.id,
      evaluatedAt,
      trigger,
      state: readinessState(checks),
      checks,
      reasons: readinessReasons(checks),
      ...(replication.worst ? { replication: replication.worst } : {}),
      ...(runbook ? { runbook } : {}),
    };
  }

  private async probe(checks: Workload['healthChecks']['secondary']): Promise<Map<string, ProbeOutcome>> {
    const results = await Promise.all(
      checks.map(async (check) => {
        const result = await this.deps.healthProbe.probe({
          url: check.url,
          expectStatus: check.expectStatus,
          timeoutMs: READINESS_PROBE_TIMEOUT_MS,
          ...(check.maxLatencyMs !== undefined ? { maxLatencyMs: check.maxLatencyMs } : {}),
          ...(check.bodyContains !== undefined ? { bodyContains: check.bodyContains } : {}),
        });
        return [check.name, { ok: result.ok, reason: result.reason }] as const;
      }),
    );
    return new Map(results);
  }

  private async replication(
    workload: Workload,
    now: Date,
  ): Promise<{ outcomes: CheckOutcome[]; worst?: LagMeasurement }> {
    const outcomes: CheckOutcome[] = [];
    let worst: LagMeasurement | undefined;
    const readings = await Promise.all(
      workload.replication.map((check) => this.deps.lagReader.read(check.source, now)),
    );
    workload.replication.forEach((check, index) => {
      const reading = readings[index];
      if (reading === undefined || !reading.ok) {
        outcomes.push(unreadableLag(check.name, reading?.ok === false ? reading.reason : 'not read'));
        return;
      }
      outcomes.push(lagOutcome(check.name, reading.lagSeconds, lagThresholds(check, workload.rpoSeconds)));
      if (worst === undefined || reading.lagSeconds > worst.lagSeconds) {
        worst = { source: check.name, lagSeconds: reading.lagSeconds, measuredAt: reading.measuredAt };
      }
    });
    return worst === undefined ? { outcomes } : { outcomes, worst };
  }

  private async hosts(catalog: Catalog, workload: Workload): Promise<CheckOutcome[]> {
    const hosts = httpStepHosts(catalog, workload, this.deps.secret);
    const resolved = await Promise.all(hosts.map((host) => this.deps.hostResolver.resolve(host)));
    return hosts.map((host, i) => hostOutcome(host, resolved[i] ?? { ok: false, reason: 'not resolved' }));
  }

  private async azureTargets(catalog: Catalog, workload: Workload): Promise<CheckOutcome[]> {
    const steps = azureStepsOf(catalog, workload);
    const checks = await Promise.all(
      steps.map((step) =>
        this.deps.azureSteps.checkTarget(step, READINESS_PROBE_TIMEOUT_MS).catch((err: unknown) => ({
          ok: false,
          detail: errorMessage(err),
        })),
      ),
    );
    return steps.map((step, i) => azureTargetOutcome(step, checks[i] ?? { ok: false, detail: 'not read' }));
  }

  /** The newest drill incident of the workload (drills are incidents with mode `drill`). */
  private async lastDrill(workloadId: string): Promise<LastDrill | undefined> {
    const mode: IncidentMode = 'drill';
    const page = await this.deps.incidents.list({ workloadId, mode, limit: 1 });
    const drill = page.items[0];
    if (drill === undefined) return undefined;
    return { incidentId: drill.id, at: drill.endedAt ?? drill.detectedAt, status: drill.status };
  }

  /** The failover runbook's fingerprint, and since when it has been this one (kept from evaluation to evaluation). */
  private runbookFingerprint(
    catalog: Catalog,
    workload: Workload,
    latest: ReadinessResult | undefined,
    now: Date,
  ): ReadinessResult['runbook'] {
    const id = workload.runbooks.failover;
    const runbook = id === undefined ? undefined : findRunbook(catalog, id);
    if (runbook === undefined) return undefined;
    const fingerprint = createHash('sha256').update(JSON.stringify(runbook)).digest('hex').slice(0, 16);
    if (latest?.runbook === undefined) return { fingerprint }; // first seen: not known to have changed
    if (latest.runbook.fingerprint !== fingerprint) return { fingerprint, since: now.toISOString() };
    return latest.runbook.since === undefined
      ? { fingerprint }
      : { fingerprint, since: latest.runbook.since };
  }
}
