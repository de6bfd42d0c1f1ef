import { compilePolicy } from '../../../../../shared/domain/catalog/compilePolicy';
import {
  approvalDeadlineSeconds,
  type EffectivePolicy,
  policyRoles,
} from '../../../../../shared/domain/catalog/EffectivePolicy';
import { TIERS } from '../../../../../shared/domain/catalog/Tier';
import { TIER_DEFAULTS } from '../../../../../shared/domain/catalog/tierDefaults';
import { parseWorkload, workloadInput } from './catalogTestSupport';

const PEOPLE = {
  approver: [
    { name: 'Alice', email: 'alice@example.com' },
    { name: 'Bram', email: 'bram@example.com' },
  ],
  deputy: [{ name: 'Chloé', email: 'chloe@example.com' }],
  executive: [{ name: 'Dara', email: 'dara@example.com' }],
  'incident-lead': [{ name: 'Eve', teamsUpn: 'eve@example.com' }],
};

describe('compilePolicy', () => {
  it('is the tier default when the workload overrides nothing', () => {
    const policy = compilePolicy(parseWorkload(workloadInput({ tier: 1, contacts: PEOPLE })));
    expect(policy).toStrictEqual<EffectivePolicy>({
      tier: 1,
      approverRoles: ['approver'],
      quorum: 1,
      rejectionsToReject: 1,
      approvalTimeoutSeconds: 600,
      escalation: [
        { roles: ['deputy'], timeoutSeconds: 600 },
        { roles: ['executive'], timeoutSeconds: 600 },
      ],
      finalTimeoutOutcome: 'expire',
      observationWindowSeconds: 300,
      notificationCadenceSeconds: 900,
      groupingWindowSeconds: 600,
    });
  });

  it.each(TIERS)('compiles tier %p to its defaults', (tier) => {
    const policy = compilePolicy(parseWorkload(workloadInput({ tier, contacts: PEOPLE })));
    expect(policy).toStrictEqual(TIER_DEFAULTS[tier].policy);
  });

  it('replaces each field the workload overrides and keeps the others', () => {
    const workload = parseWorkload(
      workloadInput({
        tier: 2,
        contacts: PEOPLE,
        correlation: { groupingWindow: '45m' },
        approval: {
          approverRoles: ['approver', 'incident-lead'],
          quorum: 3,
          rejectionsToReject: 2,
          approvalTimeout: '20m',
          escalation: [{ roles: ['executive'], timeout: '1h' }],
          finalTimeoutOutcome: 'auto-activate',
          observationWindow: '0s',
        },
      }),
    );
    expect(compilePolicy(workload)).toStrictEqual<EffectivePolicy>({
      tier: 2,
      approverRoles: ['approver', 'incident-lead'],
      quorum: 3,
      rejectionsToReject: 2,
      approvalTimeoutSeconds: 1_200,
      escalation: [{ roles: ['executive'], timeoutSeconds: 3_600 }],
      finalTimeoutOutcome: 'auto-activate',
      observationWindowSeconds: 0,
      notificationCadenceSeconds: TIER_DEFAULTS[2].policy.notificationCadenceSeconds,
      groupingWindowSeconds: 2_700,
    });
  });

  it('lets a workload turn escalation off with an empty list', () => {
    const workload = parseWorkload(
      workloadInput({ contacts: { approver: PEOPLE.approver }, approval: { escalation: [] } }),
    );
    expect(compilePolicy(workload).escalation).toEqual([]);
  });

  it('hands out copies, so a caller cannot change the tier defaults', () => {
    const policy = compilePolicy(parseWorkload(workloadInput({ contacts: PEOPLE })));
    (policy.approverRoles as string[]).push('intruder');
    (policy.escalation[0]?.roles as string[]).push('intruder');
    expect(TIER_DEFAULTS[1].policy.approverRoles).toEqual(['approver']);
    expect(TIER_DEFAULTS[1].policy.escalation[0]?.roles).toEqual(['deputy']);
  });
});

describe('tier defaults', () => {
  it('auto-activate only for tier 0', () => {
    expect(
      TIERS.filter((tier) => TIER_DEFAULTS[tier].policy.finalTimeoutOutcome === 'auto-activate'),
    ).toEqual([0]);
  });

  it('observe and decide more slowly as criticality drops', () => {
    const observation = TIERS.map((tier) => TIER_DEFAULTS[tier].policy.observationWindowSeconds);
    const deadline = TIERS.map((tier) => approvalDeadlineSeconds(TIER_DEFAULTS[tier].policy));
    expect(observation).toEqual([120, 300, 900, 1_800]);
    expect(deadline).toEqual([600, 1_800, 7_200, 14_400]);
  });

  it('group alerts for at least as long as they observe', () => {
    for (const tier of TIERS) {
      const { policy } = TIER_DEFAULTS[tier];
      expect(policy.groupingWindowSeconds).toBeGreaterThanOrEqual(policy.observationWindowSeconds);
      expect(policy.tier).toBe(tier);
    }
  });
});

describe('policyRoles', () => {
  it('lists every role asked, in order, once', () => {
    const policy: EffectivePolicy = {
      ...TIER_DEFAULTS[1].policy,
      approverRoles: ['approver', 'deputy'],
      escalation: [
        { roles: ['deputy', 'executive'], timeoutSeconds: 60 },
        { roles: ['approver'], timeoutSeconds: 60 },
      ],
    };
    expect(policyRoles(policy)).toEqual(['approver', 'deputy', 'executive']);
  });
});
