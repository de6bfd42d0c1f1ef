// The same email to every recipient who has an address, each address once.
import type { OutgoingEmail } from '../../../ports/NotificationChannel';
import type { RenderedEmail } from './renderEmail';

/** One person listed twice (two roles, any case) gets one email: a second would repeat its Message-ID. */
export function emailEachAddress(
  recipients: readonly { readonly email?: string | undefined }[],
  email: RenderedEmail,
): OutgoingEmail[] {
  const addresses = new Map<string, string>();
  for (const recipient of recipients) {
    if (recipient.email !== undefined && !addresses.has(recipient.email.toLowerCase())) {
      addresses.set(recipient.email.toLowerCase(), recipient.email);
    }
  }
  return [...addresses.values()].map((to) => ({ to, ...email }));
}
