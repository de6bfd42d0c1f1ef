// Builds normalised alerts for tests through the real normaliser, from the generic format's fields.
import type { Alert } from '../../shared/domain/alerts/Alert';
import { normaliseAlertPayload } from '../../shared/domain/alerts/normaliseAlertPayload';

export interface GenericAlertFields {
  readonly id: string;
  readonly source?: string;
  readonly status?: 'fired' | 'resolved';
  readonly severity?: string;
  readonly summary?: string;
  readonly firedAt?: string;
  readonly resolvedAt?: string;
  readonly labels?: Record<string, string>;
  readonly resources?: string[];
}

export function genericAlert(fields: GenericAlertFields): Alert {
  const status = fields.status ?? 'fired';
  const result = normaliseAlertPayload({
    schema: 'lifeboat.alert/v1',
    alerts: [
      {
        source: fields.source ?? 'test',
        id: fields.id,
        status,
        severity: fields.severity ?? 'Sev2',
        summary: fields.summary ?? `alert ${fields.id}`,
        firedAt: fields.firedAt ?? '2026-11-22T03:00:00Z',
        ...(status === 'resolved' ? { resolvedAt: fields.resolvedAt ?? '2026-11-22T03:10:00Z' } : {}),
        ...(fields.labels ? { labels: fields.labels } : {}),
        ...(fields.resources ? { resources: fields.resources } : {}),
      },
    ],
  });
  const [alert] = result.ok ? result.alerts : [];
  if (alert === undefined) {
    throw new Error(
      `test alert ${fields.id} did not normalise: ${result.ok ? 'no alerts' : result.error.message}`,
    );
  }
  return alert;
}
