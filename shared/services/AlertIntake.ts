// Intake: normalises a posted payload and durably enqueues every alert it holds for correlation.
import type { Alert } from '../domain/alerts/Alert';
import { normaliseAlertPayload, type AlertFormat } from '../domain/alerts/normaliseAlertPayload';
import type { Catalog } from '../domain/catalog/Catalog';
import { ALERTS_QUEUE } from '../domain/contracts/queues';
import { resolveWorkloads } from '../domain/correlation/resolveWorkloads';
import type { ValidationIssue } from '../errors';
import type { MessageSender } from '../ports/MessageSender';

export interface AcceptedAlert {
  readonly id: string;
  readonly fingerprint: string;
  readonly condition: Alert['condition'];
  /** The first workload it routes to, or null when it matches none (it is kept as unrouted). */
  readonly workloadId: string | null;
  readonly workloadIds: readonly string[];
}

export type IntakeResult =
  | { readonly ok: true; readonly format: AlertFormat; readonly alerts: readonly AcceptedAlert[] }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: string;
        readonly message: string;
        readonly details: ValidationIssue[];
      };
    };

export class AlertIntake {
  constructor(
    private readonly sender: MessageSender,
    private readonly catalog: () => Catalog,
  ) {}

  /** Resolves once every alert is durably enqueued; rejects (nothing promised) when the queue fails. */
  async accept(body: unknown): Promise<IntakeResult> {
    const normalised = normaliseAlertPayload(body);
    if (!normalised.ok) {
      return normalised;
    }
    await this.sender.send(
      ALERTS_QUEUE,
      normalised.alerts.map((alert) => ({
        messageId: alert.id,
        body: alert,
        subject: `alert.${alert.condition}`,
        applicationProperties: { source: alert.source, severity: alert.severity },
      })),
    );
    const workloads = this.catalog().workloads;
    return {
      ok: true,
      format: normalised.format,
      alerts: normalised.alerts.map((alert) => {
        const workloadIds = resolveWorkloads(alert, workloads).map((m) => m.workloadId);
        return {
          id: alert.id,
          fingerprint: alert.fingerprint,
          condition: alert.condition,
          workloadId: workloadIds[0] ?? null,
          workloadIds,
        };
      }),
    };
  }
}
