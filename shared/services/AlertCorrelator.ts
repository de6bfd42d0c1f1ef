// Correlation: routes one accepted alert to its workloads, records it, and joins or starts the incident
// of each workload's correlation window. Safe to run twice for the same alert, and concurrently.
import type { Alert } from '../domain/alerts/Alert';
import type { Catalog } from '../domain/catalog/Catalog';
import { compilePolicy } from '../domain/catalog/compilePolicy';
import { toIncidentAlert } from '../domain/correlation/IncidentAlert';
import { resolveWorkloads } from '../domain/correlation/resolveWorkloads';
import type { Logger } from '../logging';
import type { AlertStore } from '../ports/AlertStore';
import type { Correlation, CorrelationStore } from '../ports/CorrelationStore';
import type { IncidentWorkflows } from '../ports/IncidentWorkflows';

export interface AlertCorrelatorDeps {
  readonly catalog: Catalog;
  readonly alerts: AlertStore;
  readonly correlation: CorrelationStore;
  readonly workflows: IncidentWorkflows;
  readonly now: () => Date;
  readonly log: Logger;
}

export interface CorrelationReport {
  readonly alertId: string;
  readonly routes: readonly (Correlation & { readonly workloadId: string })[];
}

export const UNROUTED_REASON = 'no workload in the catalog matches this alert';

export class AlertCorrelator {
  constructor(private readonly deps: AlertCorrelatorDeps) {}

  async correlate(alert: Alert): Promise<CorrelationReport> {
    const { catalog, alerts, correlation, log } = this.deps;
    const at = this.deps.now().toISOString();
    const matches = resolveWorkloads(alert, catalog.workloads);
    // Recorded first: even if everything after this fails, the alert is visible and the redelivery finds it.
    // The correlations are asked for at once, not after the record resolves, so that a store with group
    // commit (the embedded one) writes the record and the correlations in one transaction; a store without
    // it runs them in this order anyway. A redelivery repairs whatever a partial failure leaves.
    const recorded = alerts.record({
      alert,
      receivedAt: at,
      routing: matches.length > 0 ? 'routed' : 'unrouted',
      workloadIds: matches.map((m) => m.workloadId),
      routingReasons:
        matches.length > 0 ? matches.map((m) => `${m.workloadId}: ${m.reason}`) : [UNROUTED_REASON],
    });
    const correlations = matches.map(({ workloadId }) =>
      correlation.correlate({ workloadId, alert: toIncidentAlert(alert, at), at }),
    );
    const [, ...outcomes] = await Promise.all([recorded, ...correlations]);
    if (matches.length === 0) {
      log.warn('Alert matches no workload; kept as unrouted', { alertId: alert.id, source: alert.source });
      return { alertId: alert.id, routes: [] };
    }

    const routes: (Correlation & { workloadId: string })[] = [];
    for (const [i, { workloadId }] of matches.entries()) {
      const outcome = outcomes[i];
      if (outcome === undefined) {
        throw new Error(`No correlation for workload '${workloadId}'.`);
      }
      await this.reach(workloadId, alert.id, outcome);
      log.info('Alert correlated', {
        alertId: alert.id,
        workloadId,
        incidentId: outcome.incidentId,
        outcome: outcome.outcome,
      });
      routes.push({ ...outcome, workloadId });
    }
    return { alertId: alert.id, routes };
  }

  /** Makes sure the incident's orchestration exists and, when asked to, wakes it. */
  private async reach(workloadId: string, alertId: string, outcome: Correlation): Promise<void> {
    const { incidentId } = outcome;
    if (incidentId === undefined || !outcome.windowOpen) {
      return;
    }
    if (!outcome.started) {
      const workload = this.deps.catalog.workloads.find((w) => w.id === workloadId);
      if (workload === undefined) {
        throw new Error(`Workload '${workloadId}' vanished from the catalog during correlation.`);
      }
      await this.deps.workflows.ensureStarted({
        incidentId,
        workloadId,
        openedAt: outcome.openedAt ?? this.deps.now().toISOString(),
        groupingWindowSeconds: compilePolicy(workload).groupingWindowSeconds,
      });
      await this.deps.correlation.markStarted(incidentId);
    }
    if (outcome.signal || (!outcome.started && outcome.outcome !== 'opened')) {
      // A new orchestration reads every recorded alert as it starts. A joiner that found it not yet
      // confirmed started wakes it anyway: it may have started just after reading.
      await this.deps.workflows.wake(incidentId, alertId);
    }
  }
}
