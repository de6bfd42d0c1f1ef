// The criteria a workload gets when its catalog entry has no `activation`: serious, sustained and broad.
import {
  type ActivationCriteria,
  type ActivationCriteriaInput,
  activationCriteriaSchema,
} from './ActivationCriteria';

/**
 * As YAML:
 * ```yaml
 * activateWhen:
 *   all:
 *     - minSeverity: Sev1
 *     - any:
 *         - distinctResources: { atLeast: 2, within: 10m }
 *         - serviceHealthInPrimaryRegion: true
 *         - primaryProbesFailing: { atLeast: 3 }
 *     - sustainedFor: 5m
 * dismissWhen: allResolved
 * ```
 * Sev1 or worse says it is an outage, not a degradation; five minutes sustained lets transient faults
 * self-heal; and one of the breadth signals says it is more than one resource having a bad moment.
 */
export const DEFAULT_ACTIVATION_CRITERIA_INPUT: ActivationCriteriaInput = {
  activateWhen: {
    all: [
      { minSeverity: 'Sev1' },
      {
        any: [
          { distinctResources: { atLeast: 2, within: '10m' } },
          { serviceHealthInPrimaryRegion: true },
          { primaryProbesFailing: { atLeast: 3 } },
        ],
      },
      { sustainedFor: '5m' },
    ],
  },
  dismissWhen: 'allResolved',
};

/** Parsed once, frozen: the same object is shared by every workload that uses it. */
export const defaultActivationCriteria: ActivationCriteria = deepFreeze(
  activationCriteriaSchema.parse(DEFAULT_ACTIVATION_CRITERIA_INPUT),
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}
