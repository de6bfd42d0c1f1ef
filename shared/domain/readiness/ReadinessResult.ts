// One evaluation of a workload's DR readiness: every check's outcome with its reason, the state they add
// up to, and the latest replication lag measured (the RPO exposure approvers are shown). Kept with history.
import { z } from 'zod';

const utcInstant = z.iso.datetime({ precision: 3 });

export const READINESS_STATES = ['ready', 'degraded', 'not-ready'] as const;
export const readinessStateSchema = z.enum(READINESS_STATES);
export type ReadinessState = z.infer<typeof readinessStateSchema>;

export const CHECK_STATUSES = ['pass', 'warn', 'fail'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const READINESS_CHECK_KINDS = [
  'secondary-health',
  'primary-health',
  'replication-lag',
  'approvers-staffed',
  'runbook-secrets',
  'http-hosts',
  'azure-targets',
  'drill',
] as const;
export type ReadinessCheckKind = (typeof READINESS_CHECK_KINDS)[number];

export const checkOutcomeSchema = z.object({
  kind: z.enum(READINESS_CHECK_KINDS),
  /** Which one of its kind: a health check's or replication source's name, a role, a secret... */
  name: z.string().min(1),
  status: z.enum(CHECK_STATUSES),
  /** Why, in words; for a failed or warning check, what is wrong. */
  reason: z.string().min(1),
});
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const lagMeasurementSchema = z.object({
  /** The replication source's name. */
  source: z.string().min(1),
  lagSeconds: z.number().nonnegative(),
  /** When the figure was read (or the metric's timestamp). */
  measuredAt: utcInstant,
});
export type LagMeasurement = z.infer<typeof lagMeasurementSchema>;

/** What started the evaluation: the timer, an approval request (fresh), or an operator asking. */
export const READINESS_TRIGGERS = ['schedule', 'approval', 'request'] as const;

export const readinessResultSchema = z.object({
  /** `<workloadId>.<evaluatedAt>.<trigger>`; sorts by time within a workload. */
  id: z.string().min(1),
  workloadId: z.string().min(1),
  evaluatedAt: utcInstant,
  trigger: z.enum(READINESS_TRIGGERS),
  state: readinessStateSchema,
  checks: z.array(checkOutcomeSchema),
  /** The reason of every check that did not pass, worst first. */
  reasons: z.array(z.string()),
  /** The largest lag among the sources read; absent when the workload has none or none could be read. */
  replication: lagMeasurementSchema.optional(),
  /**
   * The failover runbook's content fingerprint, and since when it has been this (for "changed since the
   * drill"); `since` is absent while the runbook is as Lifeboat first saw it.
   */
  runbook: z.object({ fingerprint: z.string().min(1), since: utcInstant.optional() }).optional(),
});
export type ReadinessResult = z.infer<typeof readinessResultSchema>;

/** An approval's evaluation at the same instant as a scheduled one is another evaluation, not a repeat. */
export function readinessResultId(workloadId: string, evaluatedAt: string, trigger: string): string {
  return `${workloadId}.${evaluatedAt}.${trigger}`;
}

/** Worst wins: a failed check makes the secondary not ready, a warning degrades it. */
export function readinessState(checks: readonly Pick<CheckOutcome, 'status'>[]): ReadinessState {
  if (checks.some((c) => c.status === 'fail')) return 'not-ready';
  if (checks.some((c) => c.status === 'warn')) return 'degraded';
  return 'ready';
}

/** Reasons of the checks that did not pass, failures before warnings. */
export function readinessReasons(checks: readonly CheckOutcome[]): string[] {
  return [
    ...checks.filter((c) => c.status === 'fail').map((c) => c.reason),
    ...checks.filter((c) => c.status === 'warn').map((c) => c.reason),
  ];
}
