// Catalog check: the people an approval policy asks exist, and enough of them to ever reach its quorum.
import { type z } from 'zod';
import { checkFailbackStaffing } from './checkFailbackStaffing';
import { compilePolicy } from './compilePolicy';
import { contactKey, contactsFor, peopleInRoles } from './contactsSchema';
import { policyRoles } from './EffectivePolicy';
import { TIER_NAMES } from './Tier';
import { type Workload } from './Workload';

/** Tiers 0-2 must be approvable by named people; tier 3 may rely on operators approving over HTTP. */
const STAFFED_TIER_MAX = 2;

export function checkPolicyStaffing(workload: Workload, ctx: z.core.$RefinementCtx<Workload>): void {
  // The failback's approvers are people too (it always asks them).
  checkFailbackStaffing(workload, ctx);
  const staffed = workload.tier <= STAFFED_TIER_MAX;
  if (staffed && contactsFor(workload.contacts, 'approver').length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['contacts', 'approver'],
      message: `Tier ${workload.tier} (${TIER_NAMES[workload.tier]}) workloads need at least one contact with role "approver"`,
    });
    return;
  }
  const policy = compilePolicy(workload);
  const overrides = workload.approval ?? {};
  // Tier 3 defaults may go unstaffed; roles an author names in `approval` must always exist.
  const roles = staffed
    ? policyRoles(policy)
    : [...(overrides.approverRoles ?? []), ...(overrides.escalation ?? []).flatMap((level) => level.roles)];
  for (const role of new Set(roles)) {
    if (contactsFor(workload.contacts, role).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['contacts'],
        message: `The approval policy asks role "${role}", which has no contacts: add contacts.${role} or override approval.approverRoles / approval.escalation`,
      });
    }
  }
  if (staffed || overrides.quorum !== undefined) {
    const people = new Set(peopleInRoles(workload.contacts, policyRoles(policy)).map(contactKey));
    if (people.size < policy.quorum) {
      ctx.addIssue({
        code: 'custom',
        path: overrides.quorum === undefined ? ['contacts'] : ['approval', 'quorum'],
        message: `The approval quorum is ${policy.quorum} but the roles it asks (${policyRoles(policy).join(', ')}) name ${people.size} distinct ${people.size === 1 ? 'person' : 'people'}`,
      });
    }
  }
}
