// Zod schema for the Prometheus Alertmanager webhook payload, version "4" (many alerts per request).
import { z } from 'zod';
import { isoTimestampSchema } from '../isoTimestampSchema';

/** Go's zero time: Alertmanager writes it for `endsAt` when an alert has no end yet. */
export const ALERTMANAGER_ZERO_TIME = '0001-01-01T00:00:00.000Z';

const stringMap = z.record(z.string(), z.unknown());
// Descriptive fields Lifeboat only copies: a wrong type drops the field instead of the alerts.
const lenientMap = stringMap.nullish().catch(undefined);
const lenientString = z.string().nullish().catch(undefined);

export const alertmanagerAlertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: stringMap,
  annotations: lenientMap,
  startsAt: isoTimestampSchema.refine((at) => at !== ALERTMANAGER_ZERO_TIME, {
    message: 'Invalid date-time: startsAt must be set (got the zero time)',
  }),
  endsAt: isoTimestampSchema.nullish(),
  generatorURL: lenientString,
  fingerprint: z.string().min(1),
});
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlertSchema>;

export const alertmanagerWebhookSchema = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string(),
  // The group's status is a summary of the alerts' own statuses, which are what Lifeboat reads.
  status: lenientString,
  receiver: lenientString,
  groupLabels: lenientMap,
  externalURL: lenientString,
  alerts: z.array(alertmanagerAlertSchema).min(1),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;
