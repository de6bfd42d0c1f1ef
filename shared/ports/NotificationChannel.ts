// Port: one way of telling people something (SMTP email, a Teams channel, the local outbox). A
// notification is rendered once, then handed to each configured channel, which sends its part of it.
import type { NotificationKind } from '../domain/notifications/messageKinds';
import type { TeamsMessage } from '../domain/notifications/base/TeamsMessage';

export type { NotificationKind };

export interface OutgoingEmail {
  /** One address; every recipient gets their own message (approval links are personal). */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface ApprovalLinkLine {
  /** Display name. */
  readonly approver: string;
  readonly decision: 'approve' | 'reject';
  readonly url: string;
}

/** Plain JSON: it may be passed between activities and is written as it is to the outbox. */
export interface Notification {
  /**
   * Deterministic: the same notification sent twice carries the same id (activities may run twice).
   * Letters, digits, `.`, `-` and `_` only; channels use it in file names and Message-IDs.
   */
  readonly id: string;
  readonly kind: NotificationKind;
  readonly incidentId: string;
  /** One per recipient with an email address. */
  readonly emails: readonly OutgoingEmail[];
  /** The Teams message (envelope and card) for the channel; absent when there is nothing to post. */
  readonly card?: TeamsMessage;
  /** Every link in the notification, for the outbox to print; empty when it carries none. */
  readonly links: readonly ApprovalLinkLine[];
}

export const NOTIFICATION_CHANNEL_NAMES = ['email', 'teams', 'outbox'] as const;
export type NotificationChannelName = (typeof NOTIFICATION_CHANNEL_NAMES)[number];

export interface ChannelReceipt {
  readonly channel: NotificationChannelName;
  readonly notificationId: string;
  /**
   * Messages the peer accepted: emails, cards (0 or 1), files written (always 1 for the outbox).
   * 0 when the notification had nothing for this channel.
   */
  readonly delivered: number;
}

export interface NotificationChannel {
  readonly name: NotificationChannelName;
  /**
   * Resolves once the peer accepted everything this channel sends of `notification`. Throws
   * TransientError when retrying may help (connection refused, timeout, throttled, 5xx, SMTP 4xx; with
   * `retryAfterMs` when the peer said how long to wait) and NonRetryableError when it will not (bad
   * configuration, rejected request, SMTP 5xx). A retry sends everything again: email recipients see a
   * repeat with the same Message-ID, which mail clients may fold into one; Teams shows a second card.
   * Error messages never contain webhook URLs, SMTP credentials, addresses or link tokens.
   */
  send(notification: Notification): Promise<ChannelReceipt>;
}
