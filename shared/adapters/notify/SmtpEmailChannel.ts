// NotificationChannel over SMTP (nodemailer): each email of a notification as its own message, with a
// Message-ID derived from the notification and the recipient so a resend is recognisably the same.
import { createTransport, type Transporter } from 'nodemailer';
import { isNotificationId } from '../../domain/notifications/base/notificationId';
import { NonRetryableError, TransientError } from '../../errors';
import type { ChannelReceipt, Notification, NotificationChannel } from '../../ports/NotificationChannel';
import type { Secret } from '../../Secret';
import { describeSmtpError } from './describeSmtpError';
import { emailMessageId } from './emailMessageId';
import { NOTIFICATION_HEADER } from './notificationHeader';

/**
 * Connecting, waiting for the greeting and each wait for a reply. nodemailer's defaults (2 min, 30 s,
 * 10 min) would hold an activity far longer than retrying on a fresh connection.
 */
export const SMTP_TIMEOUT_MS = 15_000;

export interface SmtpEmailChannelOptions {
  /** LIFEBOAT_SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  readonly url: Secret;
  /** LIFEBOAT_MAIL_FROM: `Lifeboat <lifeboat@example.com>`. */
  readonly from: string;
  readonly timeoutMs?: number;
}

/** One address, nothing that could turn it into a list or a header. */
const SINGLE_ADDRESS = /^[^\s@,;<>"()]+@[^\s@,;<>"()]+$/;

export class SmtpEmailChannel implements NotificationChannel {
  readonly name = 'email';
  private readonly transport: Transporter;
  private readonly from: string;

  /** Throws NonRetryableError for an unusable URL or sender; the message never repeats the URL. */
  constructor(options: SmtpEmailChannelOptions) {
    const url = options.url.reveal();
    if (!isSmtpUrl(url)) {
      throw new NonRetryableError('The SMTP URL is not an smtp:// or smtps:// URL with a host.');
    }
    if (options.from.trim() === '') {
      throw new NonRetryableError('The sender address (LIFEBOAT_MAIL_FROM) is empty.');
    }
    const timeoutMs = options.timeoutMs ?? SMTP_TIMEOUT_MS;
    try {
      this.transport = createTransport({
        url,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        // Messages are built from our own strings; nothing may make nodemailer read files or fetch URLs.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch {
      // No cause: nodemailer's URL errors carry the URL, credentials included.
      throw new NonRetryableError('The SMTP URL cannot be used to create a mail transport.');
    }
    this.from = options.from;
  }

  /**
   * Sends the emails one by one. A failure worth retrying stops at once (TransientError: the retry sends
   * them all again, under the same Message-IDs). A message refused for good (unknown recipient) does
   * not stop the others; NonRetryableError afterwards says how many were refused.
   */
  async send(notification: Notification): Promise<ChannelReceipt> {
    if (!isNotificationId(notification.id)) {
      throw new NonRetryableError('The notification id is not usable in a Message-ID.');
    }
    const { emails } = notification;
    const refused: string[] = [];
    for (const [index, email] of emails.entries()) {
      const which = `email ${index + 1} of ${emails.length} of notification ${notification.id}`;
      if (!SINGLE_ADDRESS.test(email.to)) {
        refused.push(`${which}: the recipient is not a single email address`);
        continue;
      }
      try {
        await this.transport.sendMail({
          from: this.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: emailMessageId(notification.id, email.to),
          headers: { [NOTIFICATION_HEADER]: notification.id },
        });
      } catch (err) {
        const failure = describeSmtpError(err);
        switch (failure.scope) {
          case 'transient':
            throw new TransientError(`Sending ${which} failed: ${failure.description}; retryable.`);
          case 'configuration':
            throw new NonRetryableError(`Sending ${which} failed: ${failure.description}; not retryable.`);
          case 'message':
            refused.push(`${which}: ${failure.description}`);
        }
      }
    }
    if (refused.length > 0) {
      const sent = emails.length - refused.length;
      throw new NonRetryableError(
        `${refused.length} of ${emails.length} emails were not accepted (${sent} sent); not retryable: ${refused.join('; ')}.`,
      );
    }
    return { channel: this.name, notificationId: notification.id, delivered: emails.length };
  }
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}
