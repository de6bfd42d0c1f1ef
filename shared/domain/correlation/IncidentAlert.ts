// What an incident keeps of each alert notification routed to it: enough for criteria and for people.
import { z } from 'zod';
import { alertConditionSchema, impactedServiceSchema, type Alert } from '../alerts/Alert';
import { severitySchema } from '../alerts/Severity';

export const incidentAlertSchema = z.object({
  id: z.string().min(1),
  fingerprint: z.string().min(1),
  severity: severitySchema,
  condition: alertConditionSchema,
  firedAt: z.iso.datetime({ precision: 3 }),
  resolvedAt: z.iso.datetime({ precision: 3 }).optional(),
  targetResourceIds: z.array(z.string()),
  monitoringService: z.string(),
  signalType: z.string(),
  alertRule: z.string(),
  region: z.string().optional(),
  impactedServices: z.array(impactedServiceSchema),
  summary: z.string(),
  receivedAt: z.iso.datetime({ precision: 3 }),
});

export type IncidentAlert = z.infer<typeof incidentAlertSchema>;

export function toIncidentAlert(alert: Alert, receivedAt: string): IncidentAlert {
  return {
    id: alert.id,
    fingerprint: alert.fingerprint,
    severity: alert.severity,
    condition: alert.condition,
    firedAt: alert.firedAt,
    ...(alert.resolvedAt === undefined ? {} : { resolvedAt: alert.resolvedAt }),
    targetResourceIds: alert.targetResourceIds,
    monitoringService: alert.monitoringService,
    signalType: alert.signalType,
    alertRule: alert.alertRule,
    ...(alert.region === undefined ? {} : { region: alert.region }),
    impactedServices: alert.impactedServices,
    summary: alert.summary,
    receivedAt,
  };
}
