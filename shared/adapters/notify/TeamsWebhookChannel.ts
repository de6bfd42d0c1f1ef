// NotificationChannel to a Teams channel through a Workflows webhook ("Post to a channel when a webhook
// request is received"): one POST of the notification's card. The webhook URL is a credential (its
// `sig` query parameter), so no message or error ever names it.
import { NonRetryableError, TransientError } from '../../errors';
import type { ChannelReceipt, Notification, NotificationChannel } from '../../ports/NotificationChannel';
import type { Secret } from '../../Secret';
import { describeStatus } from '../http/describeStatus';
import { parseHttpUrl } from '../http/describeTarget';
import { formatLatency } from '../http/formatLatency';
import { parseRetryAfter } from '../http/parseRetryAfter';
import { sendBoundedRequest } from '../http/sendBoundedRequest';
import { NOTIFICATION_HEADER } from './notificationHeader';

/** Workflows usually answer within a second or two (202 Accepted; the post to the channel follows). */
export const TEAMS_WEBHOOK_TIMEOUT_MS = 10_000;

/** The answer's body is not used; it is read only so the connection can be reused. */
const RESPONSE_BODY_LIMIT_BYTES = 1024;

/** 4xx statuses that say "later" rather than "never". */
const RETRYABLE_CLIENT_STATUSES: ReadonlySet<number> = new Set([408, 429]);

export interface TeamsWebhookChannelOptions {
  /** LIFEBOAT_TEAMS_WEBHOOK_URL. */
  readonly url: Secret;
  readonly timeoutMs?: number;
  /** Reads Retry-After dates against this clock; `Date.now` by default. */
  readonly now?: () => number;
}

export class TeamsWebhookChannel implements NotificationChannel {
  readonly name = 'teams';
  private readonly url: Secret;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  /** Throws NonRetryableError for a URL that is not http(s); the message never repeats it. */
  constructor(options: TeamsWebhookChannelOptions) {
    if (!parseHttpUrl(options.url.reveal())) {
      throw new NonRetryableError('The Teams webhook URL is not an absolute http(s) URL.');
    }
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? TEAMS_WEBHOOK_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Success on any 2xx. TransientError on no answer, 408, 429 and 5xx (with `retryAfterMs` from
   * Retry-After); NonRetryableError on other statuses: redirects are not followed, and 4xx means the
   * URL or the card is wrong. Webhooks take no idempotency key: a retry after a lost 202 posts twice.
   */
  async send(notification: Notification): Promise<ChannelReceipt> {
    const { card } = notification;
    if (card === undefined) {
      return { channel: this.name, notificationId: notification.id, delivered: 0 };
    }
    const target = `Posting notification ${notification.id} to the Teams webhook`;
    const exchange = await sendBoundedRequest({
      method: 'POST',
      url: new URL(this.url.reveal()),
      headers: new Headers({
        'content-type': 'application/json',
        [NOTIFICATION_HEADER]: notification.id,
      }),
      body: JSON.stringify(card),
      timeoutMs: this.timeoutMs,
      maxBodyBytes: RESPONSE_BODY_LIMIT_BYTES,
    });
    switch (exchange.kind) {
      case 'timeout':
        throw new TransientError(
          `${target} got no answer within ${formatLatency(this.timeoutMs)}; retryable.`,
        );
      case 'network': {
        const { description, retryable } = exchange.failure;
        if (!retryable) {
          throw new NonRetryableError(`${target} failed: ${description}; not retryable.`);
        }
        throw new TransientError(`${target} failed: ${description}; retryable.`);
      }
      case 'response':
        break;
    }
    const { status } = exchange;
    if (status >= 200 && status < 300) {
      return { channel: this.name, notificationId: notification.id, delivered: 1 };
    }
    const answered = `${target}: the webhook answered ${describeStatus(status)}`;
    if (status >= 500 || RETRYABLE_CLIENT_STATUSES.has(status)) {
      const retryAfterMs = parseRetryAfter(exchange.headers.get('retry-after'), this.now());
      const wait = retryAfterMs === undefined ? '' : `, asking to wait ${formatLatency(retryAfterMs)}`;
      throw new TransientError(`${answered}${wait}; retryable.`, retryAfterMs);
    }
    const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
    throw new NonRetryableError(`${answered}${redirect}; not retryable.`);
  }
}
