// Zod schema for the Azure Monitor common alert schema envelope and essentials (alertContext is read per service).
import { z } from 'zod';
import { severitySchema } from '../Severity';
import { azureTimestampSchema } from './azureTimestamp';
import { lenientRecord, lenientString } from './lenient';

export const AZURE_COMMON_ALERT_SCHEMA_ID = 'azureMonitorCommonAlertSchema';

/** Strict for what identifies and classifies the alert, lenient for descriptive fields that vary by service. */
export const essentialsSchema = z.looseObject({
  alertId: z.string().min(1),
  severity: severitySchema,
  monitorCondition: z.enum(['Fired', 'Resolved']),
  firedDateTime: azureTimestampSchema,
  // Present only once the condition resolved (metric and stateful log alerts); must be a date when present.
  resolvedDateTime: azureTimestampSchema.nullish(),
  alertRule: lenientString,
  signalType: lenientString,
  monitoringService: lenientString,
  originAlertId: lenientString,
  description: lenientString,
  alertTargetIDs: z
    .array(z.unknown())
    .nullish()
    .catch(undefined)
    .transform((ids) => (ids ?? []).filter((id): id is string => typeof id === 'string')),
});
export type Essentials = z.infer<typeof essentialsSchema>;

export const commonAlertSchema = z.looseObject({
  schemaId: z.literal(AZURE_COMMON_ALERT_SCHEMA_ID),
  data: z.looseObject({
    essentials: essentialsSchema,
    // Its shape depends on monitoringService; readAlertContext validates what it reads.
    alertContext: lenientRecord,
    customProperties: lenientRecord,
  }),
});
export type CommonAlert = z.infer<typeof commonAlertSchema>;
