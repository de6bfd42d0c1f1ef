import { activationCriteriaSchema } from '../../../../../shared/domain/criteria/ActivationCriteria';
import {
  DEFAULT_ACTIVATION_CRITERIA_INPUT,
  defaultActivationCriteria,
} from '../../../../../shared/domain/criteria/defaultActivationCriteria';

describe('defaultActivationCriteria', () => {
  it('is the documented YAML, parsed', () => {
    expect(defaultActivationCriteria).toEqual({
      activateWhen: {
        all: [
          { minSeverity: 'Sev1' },
          {
            any: [
              { distinctResources: { atLeast: 2, within: 600_000 } },
              { serviceHealthInPrimaryRegion: true },
              { primaryProbesFailing: { atLeast: 3, probes: 'all' } },
            ],
          },
          { sustainedFor: 300_000 },
        ],
      },
      dismissWhen: 'allResolved',
    });
    expect(activationCriteriaSchema.parse(DEFAULT_ACTIVATION_CRITERIA_INPUT)).toEqual(
      defaultActivationCriteria,
    );
  });

  it('is frozen, so one workload cannot change another one’s criteria', () => {
    expect(Object.isFrozen(defaultActivationCriteria)).toBe(true);
    expect(Object.isFrozen(defaultActivationCriteria.activateWhen)).toBe(true);
    expect(() => {
      (defaultActivationCriteria as { dismissWhen: string }).dismissWhen = 'never';
    }).toThrow(TypeError);
  });
});
