// Whether the people an approval would ask can be reached: every role the approval policy asks has at
// least one person with a channel the workload uses, and the channels the workload asks for are configured.
import { compilePolicy } from '../catalog/compilePolicy';
import { contactsFor } from '../catalog/contactsSchema';
import { policyRoles } from '../catalog/EffectivePolicy';
import type { Workload } from '../catalog/Workload';
import type { CheckOutcome } from './ReadinessResult';

export interface ConfiguredChannels {
  /** Email reaches people: SMTP is configured, or (outside Azure) the local outbox stands in for it. */
  readonly email: boolean;
  readonly teams: boolean;
  /**
   * In Azure a channel the workload asks for must be configured (nobody reads an outbox there); outside
   * Azure an unconfigured channel is left out, as the local runtime does, and only people count.
   */
  readonly enforced: boolean;
}

export function approverStaffing(workload: Workload, configured: ConfiguredChannels): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  for (const channel of ['email', 'teams'] as const) {
    if (configured.enforced && workload.channels[channel] && !configured[channel]) {
      const setting =
        channel === 'email' ? 'LIFEBOAT_SMTP_URL and LIFEBOAT_MAIL_FROM' : 'LIFEBOAT_TEAMS_WEBHOOK_URL';
      outcomes.push({
        kind: 'approvers-staffed',
        name: `channel:${channel}`,
        status: 'fail',
        reason: `the workload asks for ${channel} but it is not configured (${setting})`,
      });
    }
  }
  const reachable = (person: { email?: string; teamsUpn?: string }) =>
    (workload.channels.email && configured.email && person.email !== undefined) ||
    (workload.channels.teams && configured.teams && person.teamsUpn !== undefined);
  for (const role of policyRoles(compilePolicy(workload))) {
    const people = contactsFor(workload.contacts, role);
    const reached = people.filter(reachable);
    outcomes.push(
      reached.length > 0
        ? {
            kind: 'approvers-staffed',
            name: role,
            status: 'pass',
            reason: `${reached.length} of ${people.length} ${role} contact(s) reachable`,
          }
        : {
            kind: 'approvers-staffed',
            name: role,
            status: 'fail',
            reason:
              people.length === 0
                ? `approver role ${role} has nobody`
                : `nobody holding approver role ${role} can be reached on a configured channel`,
          },
    );
  }
  return outcomes;
}
