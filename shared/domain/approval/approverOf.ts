// One id per person for approval decisions: a signed-in operator whose email is in the workload's contact
// matrix decides as that contact (the same id their links carry), so deciding by link and by API counts once.
import type { Identity } from '../auth/Identity';
import { contactByKey, contactKey, type Contacts } from '../catalog/contactsSchema';

export interface Approver {
  /** The contact key (lowercased email) when the person is a contact; otherwise the identity's name. */
  readonly approver: string;
  /** The contact's display name, when `approver` is a contact key. */
  readonly name?: string;
}

export function approverOf(identity: Pick<Identity, 'name' | 'email'>, contacts: Contacts): Approver {
  const contact = identity.email ? contactByKey(contacts, identity.email) : undefined;
  return contact === undefined
    ? { approver: identity.name }
    : { approver: contactKey(contact), name: contact.name };
}
