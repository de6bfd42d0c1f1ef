// What activation criteria are evaluated against: the incident's alerts, the primary's probes and the clock.
import { z } from 'zod';
import { alertConditionSchema, impactedServiceSchema } from '../alerts/Alert';
import { severitySchema } from '../alerts/Severity';

/** ISO-8601 with a zone; the orchestration passes `toISOString()` values. */
const instantSchema = z.iso.datetime({ offset: true });

/** The fields of a normalised alert notification that criteria read. */
export const alertFactSchema = z.object({
  id: z.string().min(1),
  /** Shared by the fired and the resolved notification of one alert. */
  fingerprint: z.string().min(1),
  severity: severitySchema,
  condition: alertConditionSchema,
  firedAt: instantSchema,
  resolvedAt: instantSchema.optional(),
  targetResourceIds: z.array(z.string().min(1)),
  /** "ServiceHealth" marks Azure Service Health alerts. */
  monitoringService: z.string().min(1),
  region: z.string().min(1).optional(),
  impactedServices: z.array(impactedServiceSchema),
});
export type AlertFact = z.infer<typeof alertFactSchema>;

export const PROBE_TARGETS = ['primary', 'secondary'] as const;

/** One result of one health probe; a probe is identified by target and name. */
export const probeResultSchema = z.object({
  target: z.enum(PROBE_TARGETS),
  name: z.string().min(1),
  ok: z.boolean(),
  at: instantSchema,
  detail: z.string().optional(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

export const workloadFactsSchema = z.object({
  id: z.string().min(1),
  /** Any spelling: "West Europe" and "westeurope" are the same region. */
  primaryRegion: z.string().min(1),
  /** Azure service names as Service Health writes them, e.g. "App Service", "Azure SQL Database". */
  services: z.array(z.string().min(1)),
});
export type WorkloadFacts = z.infer<typeof workloadFactsSchema>;

export const activationFactsSchema = z.object({
  /** The evaluation instant: the only clock evaluation reads. */
  now: instantSchema,
  workload: workloadFactsSchema,
  /** Every notification of the incident's alerts, fired and resolved, in arrival order. */
  alerts: z.array(alertFactSchema),
  probes: z.array(probeResultSchema),
});
export type ActivationFacts = z.infer<typeof activationFactsSchema>;
