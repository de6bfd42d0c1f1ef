// The fact fields every kind of message validates the same way: ids that end up in file names, links,
// instants and the people a message goes to.
import { z } from 'zod';

/**
 * Ids end up in file names (the outbox), Message-IDs and notification ids, so they are restricted to
 * characters that are safe in all three. Incident ids (`orders-api-20261122-031205`) fit.
 */
export const notificationSafeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/, 'Expected letters, digits, "-" or "_" (at most 200)');

/** Links are only ever http(s): a `javascript:` or `data:` URL in an href would run in a mail client. */
// Any host: links point at 127.0.0.1 locally and at private names inside company networks.
export const linkUrlSchema = z.url({ protocol: /^https?$/, error: 'Expected an absolute http(s) URL' });

export const utcInstantSchema = z.iso.datetime({ offset: true });

/** Someone a message goes to: by email when they have an address, mentioned on Teams when they have a UPN. */
export const notificationRecipientSchema = z.object({
  name: z.string().trim().min(1),
  email: z.email().optional(),
  teamsUpn: z.email().optional(),
});
export type NotificationRecipient = z.infer<typeof notificationRecipientSchema>;

/**
 * The last facts of a message that tells a workload's people something: the incident's status link and
 * everyone it goes to (at least one), spread last into a kind's facts schema.
 */
export const audienceFields = {
  statusUrl: linkUrlSchema.optional(),
  recipients: z.array(notificationRecipientSchema).min(1),
};
