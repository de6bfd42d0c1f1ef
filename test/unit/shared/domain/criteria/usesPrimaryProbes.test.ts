import { activationCriteriaSchema } from '../../../../../shared/domain/criteria/ActivationCriteria';
import { usesPrimaryProbes } from '../../../../../shared/domain/criteria/usesPrimaryProbes';

describe('usesPrimaryProbes', () => {
  it('finds the probe condition anywhere in the tree, and only there', () => {
    const nested = activationCriteriaSchema.parse({
      activateWhen: { all: [{ minSeverity: 'Sev1' }, { not: { any: [{ primaryProbesFailing: {} }] } }] },
    });
    const none = activationCriteriaSchema.parse({
      activateWhen: { any: [{ minSeverity: 'Sev1' }, { sustainedFor: '5m' }] },
    });
    expect(usesPrimaryProbes(nested.activateWhen)).toBe(true);
    expect(usesPrimaryProbes(none.activateWhen)).toBe(false);
  });
});
