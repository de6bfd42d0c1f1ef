// How often a workload's DR readiness is evaluated, how often it should be drilled, and who is told when
// its readiness changes (`readiness:` in a workload file). Absent fields take the tier's defaults.
import { z } from 'zod';
import { definedOnly } from './definedOnly';
import { positiveDurationSchema } from './duration';
import { healthChecksSchema, type HealthChecks } from './healthCheckSchema';
import { roleSchema } from './slug';
import type { Tier } from './Tier';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The contact role told of readiness changes when the workload names none. */
export const DEFAULT_OWNER_ROLE = 'owner';

/**
 * Tier defaults: the more critical, the more often it is checked and drilled. A tier-0 secondary that broke
 * unnoticed for a day would be found in the disaster; a tier-3 one has days of RTO to spare.
 */
export const READINESS_TIER_DEFAULTS: Readonly<
  Record<Tier, { readonly everySeconds: number; readonly drillEverySeconds: number }>
> = {
  0: { everySeconds: 5 * MINUTE, drillEverySeconds: 90 * DAY },
  1: { everySeconds: 15 * MINUTE, drillEverySeconds: 180 * DAY },
  2: { everySeconds: 1 * HOUR, drillEverySeconds: 365 * DAY },
  3: { everySeconds: 1 * DAY, drillEverySeconds: 365 * DAY },
};

export const readinessSettingsSchema = z
  .strictObject({
    every: positiveDurationSchema(
      'How often readiness is evaluated (default per tier: 5m, 15m, 1h, 1d for tiers 0-3).',
    ).optional(),
    drillEvery: positiveDurationSchema(
      'How old the last drill may be before readiness is degraded (default per tier: 90d, 180d, 365d, 365d).',
    ).optional(),
    healthChecks: healthChecksSchema
      .optional()
      .describe(
        "Checks readiness probes instead of the workload's healthChecks: a warm standby's serving check fails until it is promoted, its readiness check asks whether it can take over.",
      ),
    owners: roleSchema
      .describe(
        `Contact role told when readiness changes (default "${DEFAULT_OWNER_ROLE}"); it must have contacts.`,
      )
      .optional(),
  })
  .describe(
    'DR readiness evaluation: cadence, drill frequency and who is told of a change (docs/readiness.md).',
  )
  .transform(({ every, drillEvery, owners, healthChecks }) =>
    definedOnly({ everySeconds: every, drillEverySeconds: drillEvery, ownerRole: owners, healthChecks }),
  );
export type ReadinessSettingsInput = z.input<typeof readinessSettingsSchema>;

export interface ReadinessSettings {
  readonly everySeconds: number;
  readonly drillEverySeconds: number;
  readonly ownerRole: string;
  /** What readiness probes; the workload's own healthChecks when absent. */
  readonly healthChecks?: HealthChecks;
}

export function readinessSettings(
  tier: Tier,
  own: {
    everySeconds?: number;
    drillEverySeconds?: number;
    ownerRole?: string;
    healthChecks?: HealthChecks;
  } = {},
): ReadinessSettings {
  const defaults = READINESS_TIER_DEFAULTS[tier];
  return {
    everySeconds: own.everySeconds ?? defaults.everySeconds,
    drillEverySeconds: own.drillEverySeconds ?? defaults.drillEverySeconds,
    ownerRole: own.ownerRole ?? DEFAULT_OWNER_ROLE,
    ...(own.healthChecks ? { healthChecks: own.healthChecks } : {}),
  };
}
