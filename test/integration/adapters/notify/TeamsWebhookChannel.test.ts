// The Teams channel against a local HTTP server standing in for a Workflows webhook.
import { Secret } from '../../../../shared/Secret';
import { TeamsWebhookChannel } from '../../../../shared/adapters/notify/TeamsWebhookChannel';
import { loadMessageTemplates } from '../../../../shared/adapters/notify/loadMessageTemplates';
import { buildApprovalRequestNotification } from '../../../../shared/domain/notifications/kinds/approvalRequest';
import { NonRetryableError, TransientError } from '../../../../shared/errors';
import { HttpTarget } from '../../../support/httpTarget';
import { approvalRequestFacts } from '../../../unit/shared/domain/notifications/notificationTestSupport';

/** The shape of a Workflows trigger URL: the `sig` query parameter is what makes it a credential. */
const WEBHOOK_PATH =
  '/workflows/5c1e4b2a/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cr3t-SiGnAtUrE';
const SHORT_TIMEOUT_MS = 200;
const SLOW_ANSWER_MS = 5_000;

describe('TeamsWebhookChannel', () => {
  const notification = buildApprovalRequestNotification(approvalRequestFacts(), loadMessageTemplates());
  let webhook: HttpTarget;

  beforeEach(async () => {
    webhook = new HttpTarget(() => ({ status: 202 }));
    await webhook.start();
  });

  afterEach(async () => {
    await webhook.stop();
  });

  function channel(options: { timeoutMs?: number; now?: () => number } = {}): TeamsWebhookChannel {
    return new TeamsWebhookChannel({ url: new Secret(`${webhook.url}${WEBHOOK_PATH}`), ...options });
  }

  /** The error `send` rejects with, checked to never reveal the webhook URL or its signature. */
  async function failure(sending: Promise<unknown>): Promise<Error> {
    const err = await sending.then(
      () => {
        throw new Error('expected the send to fail');
      },
      (e: unknown) => e as Error,
    );
    for (const secret of [WEBHOOK_PATH, 's3cr3t-SiGnAtUrE', webhook.url, '/workflows/']) {
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify(err)).not.toContain(secret);
    }
    return err;
  }

  it('posts the Teams message envelope as JSON and counts a 202 as delivered', async () => {
    const receipt = await channel().send(notification);

    expect(receipt).toEqual({ channel: 'teams', notificationId: notification.id, delivered: 1 });
    const [request] = webhook.requests;
    expect(request).toMatchObject({ method: 'POST', url: WEBHOOK_PATH });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-lifeboat-notification']).toBe(notification.id);
    const body = JSON.parse(request?.body ?? '{}');
    expect(body).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: expect.objectContaining({ type: 'AdaptiveCard', version: '1.5' }),
        },
      ],
    });
    expect(body).toEqual(notification.card);
  });

  it('counts any 2xx as delivered', async () => {
    webhook.respondWith(() => ({ status: 200, body: '1' }));

    await expect(channel().send(notification)).resolves.toMatchObject({ delivered: 1 });
  });

  it('posts nothing for a notification without a card', async () => {
    const { card: _card, ...withoutCard } = notification;

    await expect(channel().send(withoutCard)).resolves.toMatchObject({ delivered: 0 });
    expect(webhook.requests).toEqual([]);
  });

  it('asks for a retry on 429, passing on Retry-After', async () => {
    webhook.respondWith(() => ({ status: 429, headers: { 'retry-after': '30' } }));

    const err = await failure(channel().send(notification));

    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ retryAfterMs: 30_000 });
    expect(err.message).toBe(
      `Posting notification ${notification.id} to the Teams webhook: the webhook answered 429 Too Many Requests, asking to wait 30 s; retryable.`,
    );
  });

  it('reads a Retry-After date against the clock it is given', async () => {
    const now = Date.parse('2026-11-22T03:00:00Z');
    webhook.respondWith(() => ({ status: 503, headers: { 'retry-after': 'Sun, 22 Nov 2026 03:00:05 GMT' } }));

    const err = await failure(channel({ now: () => now }).send(notification));

    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ retryAfterMs: 5_000 });
  });

  it.each([500, 502, 408])('asks for a retry on %i', async (status) => {
    webhook.respondWith(() => ({ status }));

    const err = await failure(channel().send(notification));

    expect(err).toBeInstanceOf(TransientError);
    expect(err).toMatchObject({ retryAfterMs: undefined });
  });

  it.each([400, 401, 403, 404, 413])('fails without retry on %i', async (status) => {
    webhook.respondWith(() => ({ status, body: `{"error":{"message":"bad request to ${WEBHOOK_PATH}"}}` }));

    const err = await failure(channel().send(notification));

    expect(err).toBeInstanceOf(NonRetryableError);
    expect(err.message).toMatch(new RegExp(`the webhook answered ${status} .*; not retryable\\.$`));
  });

  it('does not follow redirects', async () => {
    webhook.respondWith(() => ({ status: 302, headers: { location: `${webhook.url}/elsewhere` } }));

    const err = await failure(channel().send(notification));

    expect(err).toBeInstanceOf(NonRetryableError);
    expect(err.message).toContain('302 Found (redirects are not followed)');
    expect(webhook.requests).toHaveLength(1);
  });

  it('asks for a retry when the webhook does not answer in time', async () => {
    webhook.respondWith(() => ({ status: 202, delayMs: SLOW_ANSWER_MS }));

    const err = await failure(channel({ timeoutMs: SHORT_TIMEOUT_MS }).send(notification));

    expect(err).toBeInstanceOf(TransientError);
    expect(err.message).toContain('got no answer within 200 ms');
  });

  it('asks for a retry when nothing listens', async () => {
    const refusing = await HttpTarget.refusingUrl();
    const down = new TeamsWebhookChannel({ url: new Secret(`${refusing}${WEBHOOK_PATH}`) });

    const err = await failure(down.send(notification));

    expect(err).toBeInstanceOf(TransientError);
    expect(err.message).toContain('the connection was refused (ECONNREFUSED); retryable.');
    expect(err.message).not.toContain(refusing);
  });

  it.each(['not a url', 'ftp://teams.example.com/hook', '/relative/path'])(
    'refuses the URL %j without repeating it',
    (url) => {
      const create = () => new TeamsWebhookChannel({ url: new Secret(url) });

      expect(create).toThrow(NonRetryableError);
      expect(create).toThrow('The Teams webhook URL is not an absolute http(s) URL.');
    },
  );
});
