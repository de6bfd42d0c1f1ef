// The contact matrix: roles (approver, deputy, executive, sre-oncall...) to the people who hold them.
import { z } from 'zod';
import { invalidRoleMessage, roleSchema } from './slug';

const text = (max: number) => z.string().trim().min(1).max(max);

export const contactSchema = z
  .strictObject({
    name: text(200).describe('Display name.'),
    email: z.email().optional().describe('Where approval links and notifications are mailed.'),
    teamsUpn: z.email().optional().describe('Microsoft Teams user principal name, for mentions on cards.'),
  })
  .refine((contact) => contact.email !== undefined || contact.teamsUpn !== undefined, {
    error: 'A contact needs an email or a teamsUpn, or nobody can reach them',
  });
export type Contact = z.infer<typeof contactSchema>;

export const contactsSchema = z
  .record(roleSchema, z.array(contactSchema).min(1), {
    // zod reports a bad key as "Invalid key in record"; say what a role looks like instead.
    error: (issue) => (issue.code === 'invalid_key' ? invalidRoleMessage(issue.input) : undefined),
  })
  .refine((roles) => Object.keys(roles).length > 0, { error: 'List at least one role with its contacts' })
  .describe(
    'Role → people. Tiers 0-2 need an "approver"; roles the approval policy escalates to ("deputy", "executive" by default) need contacts too.',
  );
export type Contacts = z.infer<typeof contactsSchema>;

export const channelsSchema = z
  .strictObject({
    teams: z.boolean().default(true).describe('Post approval cards and updates to the Teams channel.'),
    email: z.boolean().default(true).describe('Mail approval links and updates to contacts.'),
  })
  .refine((channels) => channels.teams || channels.email, {
    error: 'Enable at least one channel, or nobody hears about incidents',
  })
  .describe('Notification channels for this workload (both on by default).');
export type Channels = z.infer<typeof channelsSchema>;

/** The people holding `role`; own keys only, so a role called "constructor" is not Object's. */
export function contactsFor(contacts: Contacts, role: string): readonly Contact[] {
  return Object.hasOwn(contacts, role) ? (contacts[role] ?? []) : [];
}

/** Identifies a person across roles, so one person holding two roles counts once towards a quorum. */
export function contactKey(contact: Contact): string {
  return (contact.email ?? contact.teamsUpn ?? contact.name).toLowerCase();
}

/** Everyone holding any of `roles`, each person once (one person may hold two roles), in role order. */
export function peopleInRoles(contacts: Contacts, roles: readonly string[]): Contact[] {
  const people = new Map<string, Contact>();
  for (const role of roles) {
    for (const contact of contactsFor(contacts, role)) {
      if (!people.has(contactKey(contact))) people.set(contactKey(contact), contact);
    }
  }
  return [...people.values()];
}

/** The person with this contact key (see `contactKey`), whatever role they hold. */
export function contactByKey(contacts: Contacts, key: string): Contact | undefined {
  const wanted = key.trim().toLowerCase();
  return peopleInRoles(contacts, Object.keys(contacts)).find((contact) => contactKey(contact) === wanted);
}
