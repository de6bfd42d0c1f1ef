// Zod schema of Lifeboat's own alert format ("lifeboat.alert/v1") for sources without a dedicated normaliser.
import { z } from 'zod';
import { SEVERITIES } from '../Severity';

export const GENERIC_ALERT_SCHEMA_ID = 'lifeboat.alert/v1';

/** Keeps one request within what the intake accepts (256 KB) and what one incident can sensibly absorb. */
export const GENERIC_ALERTS_MAX = 100;

// ISO-8601 with a zone, e.g. 2026-11-20T08:13:00Z or 2026-11-20T09:13:00+01:00.
const dateTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const genericAlertSchema = z
  .strictObject({
    source: text(100).describe('The system that raised the alert, e.g. "pingdom" or "datadog".'),
    id: text(500).describe('The alert id in that system; the same for its fired and resolved notifications.'),
    status: z.enum(['fired', 'resolved']),
    severity: z.enum(SEVERITIES).describe('Sev0 is the most severe, Sev4 the least (Azure Monitor scale).'),
    summary: text(1000).describe('Short human text for notifications and the incident timeline.'),
    firedAt: dateTime.describe('When the condition started (ISO-8601 with a zone).'),
    resolvedAt: dateTime
      .optional()
      .describe('When the condition cleared; read only when status is "resolved".'),
    rule: text(500).optional().describe('The rule or check that raised the alert; defaults to source.'),
    resources: z
      .array(text(1000))
      .max(100)
      .optional()
      .describe('Affected resource ids, ideally Azure Resource Manager ids.'),
    region: text(100).optional().describe('Affected region, e.g. "westeurope" or "West Europe".'),
    workload: text(200).optional().describe('Lifeboat workload id, when the source knows it.'),
    signalType: text(100).optional().describe('Kind of signal, e.g. "Metric", "Log", "Synthetic".'),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe('Free-form string labels for routing rules.'),
  })
  .meta({ title: 'Lifeboat generic alert' });
export type GenericAlert = z.infer<typeof genericAlertSchema>;

export const genericAlertPayloadSchema = z
  .strictObject({
    schema: z.literal(GENERIC_ALERT_SCHEMA_ID),
    alerts: z.array(genericAlertSchema).min(1).max(GENERIC_ALERTS_MAX),
  })
  .meta({
    title: 'Lifeboat generic alert payload',
    description: 'POST /api/alerts body for sources without a dedicated format. See docs/alert-formats.md.',
  });
export type GenericAlertPayload = z.infer<typeof genericAlertPayloadSchema>;
