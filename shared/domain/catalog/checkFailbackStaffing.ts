// Catalog check: a failback always asks people, so the people its policy asks must exist, enough of them to
// reach its quorum (otherwise every failback would expire unapproved).
import { type z } from 'zod';
import { compileFailbackPolicy } from './compileFailbackPolicy';
import { contactKey, contactsFor, peopleInRoles } from './contactsSchema';
import type { Contacts } from './contactsSchema';

/** What the check reads; spelled out, since the workload's own type is inferred from the schema it refines. */
type StaffingInput = Parameters<typeof compileFailbackPolicy>[0] & {
  readonly runbooks: { readonly failback?: string | undefined };
  readonly contacts: Contacts;
};

export function checkFailbackStaffing(workload: StaffingInput, ctx: z.RefinementCtx): void {
  if (workload.runbooks.failback === undefined && workload.failback === undefined) return;
  const policy = compileFailbackPolicy(workload);
  const path = workload.failback?.approverRoles ? ['failback', 'approverRoles'] : ['contacts'];
  for (const role of policy.approverRoles) {
    if (contactsFor(workload.contacts, role).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `The failback approval asks role "${role}", which has no contacts: add contacts.${role} or set failback.approverRoles`,
      });
      return;
    }
  }
  const people = new Set(peopleInRoles(workload.contacts, policy.approverRoles).map(contactKey));
  if (people.size < policy.quorum) {
    ctx.addIssue({
      code: 'custom',
      path: workload.failback?.quorum === undefined ? ['contacts'] : ['failback', 'quorum'],
      message: `The failback quorum is ${policy.quorum} but its roles (${policy.approverRoles.join(', ')}) name ${people.size} distinct ${people.size === 1 ? 'person' : 'people'}`,
    });
  }
}
