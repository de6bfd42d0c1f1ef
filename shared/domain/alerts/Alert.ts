// The normalised alert: the one shape every intake format is turned into, and that correlation relies on.
import { z } from 'zod';
import { severitySchema } from './Severity';

export const ALERT_SOURCES = ['azure-monitor', 'alertmanager', 'generic'] as const;
export const alertSourceSchema = z.enum(ALERT_SOURCES);
export type AlertSource = z.infer<typeof alertSourceSchema>;

export const ALERT_CONDITIONS = ['fired', 'resolved'] as const;
export const alertConditionSchema = z.enum(ALERT_CONDITIONS);
export type AlertCondition = z.infer<typeof alertConditionSchema>;

/** UTC instants are always written the way `Date.prototype.toISOString` writes them. */
const utcInstant = z.iso.datetime({ precision: 3 });

const lowercase = (value: string): boolean => value === value.toLowerCase();

export const impactedServiceSchema = z.object({
  service: z.string().min(1),
  regions: z.array(z.string().min(1)),
});
export type ImpactedService = z.infer<typeof impactedServiceSchema>;

export const alertSchema = z.object({
  /** Deterministic dedup id: sha256 of source, sourceAlertId and condition, 32 hex chars. */
  id: z.string().regex(/^[0-9a-f]{32}$/),
  source: alertSourceSchema,
  sourceAlertId: z.string().min(1),
  /** Same value for the fired and the resolved notification of one alert. */
  fingerprint: z.string().min(1),
  severity: severitySchema,
  condition: alertConditionSchema,
  signalType: z.string().min(1),
  monitoringService: z.string().min(1),
  alertRule: z.string().min(1),
  targetResourceIds: z.array(z.string().min(1).refine(lowercase, 'expected a lowercase resource id')),
  region: z
    .string()
    .regex(/^\S+$/)
    .refine(lowercase, 'expected a lowercase region without spaces')
    .optional(),
  workloadHint: z.string().min(1).optional(),
  labels: z.record(z.string(), z.string()),
  impactedServices: z.array(impactedServiceSchema),
  firedAt: utcInstant,
  resolvedAt: utcInstant.optional(),
  summary: z.string().min(1),
  /** The source alert, or a bounded preview of it when its JSON is over 16 KB. */
  raw: z.unknown(),
});

export type Alert = z.infer<typeof alertSchema>;
