// Named retry policies for runbook steps: authors pick one by name and may override single fields.

export const RETRY_PRESET_NAMES = ['none', 'standard', 'patient', 'aggressive'] as const;
export type RetryPresetName = (typeof RETRY_PRESET_NAMES)[number];

/** A concrete retry policy, durations in seconds like the rest of the catalog. */
export interface RetryPolicy {
  /** The preset the policy starts from (overridden fields included), for people reading incidents. */
  readonly preset: RetryPresetName;
  /** Attempts in all, the first one included: 1 means no retry. */
  readonly maxAttempts: number;
  /** Wait before the second attempt. */
  readonly firstIntervalSeconds: number;
  /** Each further wait is the previous one times this, up to `maxIntervalSeconds`. */
  readonly backoffCoefficient: number;
  readonly maxIntervalSeconds: number;
}

export const RETRY_PRESETS: Readonly<Record<RetryPresetName, RetryPolicy>> = {
  // One attempt: the step's on-failure policy applies at once.
  none: {
    preset: 'none',
    maxAttempts: 1,
    firstIntervalSeconds: 1,
    backoffCoefficient: 1,
    maxIntervalSeconds: 1,
  },
  // Rides out a blip of an automation endpoint (10s, 20s) without eating much of a minutes-long RTO.
  standard: {
    preset: 'standard',
    maxAttempts: 3,
    firstIntervalSeconds: 10,
    backoffCoefficient: 2,
    maxIntervalSeconds: 60,
  },
  // For slow control planes (a region-wide outage throttles ARM): about 7.5 minutes of retries in all.
  patient: {
    preset: 'patient',
    maxAttempts: 5,
    firstIntervalSeconds: 30,
    backoffCoefficient: 2,
    maxIntervalSeconds: 300,
  },
  // Cheap, idempotent calls worth hammering: 8 attempts within about a minute.
  aggressive: {
    preset: 'aggressive',
    maxAttempts: 8,
    firstIntervalSeconds: 1,
    backoffCoefficient: 2,
    maxIntervalSeconds: 15,
  },
};
