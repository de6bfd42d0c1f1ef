// Who hears how a failover goes (its progress and its end): everyone in the workload's contact matrix,
// approvers, deputies, executives and on-call alike.
import type { Workload } from '../../shared/domain/catalog/Workload';
import { peopleInRoles } from '../../shared/domain/catalog/contactsSchema';

export function workloadRecipients(
  workload: Pick<Workload, 'contacts'>,
): { name: string; email?: string; teamsUpn?: string }[] {
  return peopleInRoles(workload.contacts, Object.keys(workload.contacts)).map((person) => ({
    name: person.name,
    ...(person.email ? { email: person.email } : {}),
    ...(person.teamsUpn ? { teamsUpn: person.teamsUpn } : {}),
  }));
}
