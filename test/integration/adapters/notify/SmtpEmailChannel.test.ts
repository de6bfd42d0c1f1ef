// The email channel against a real SMTP server (smtp-server) on a local port.
import { Secret } from '../../../../shared/Secret';
import { SmtpEmailChannel } from '../../../../shared/adapters/notify/SmtpEmailChannel';
import { loadMessageTemplates } from '../../../../shared/adapters/notify/loadMessageTemplates';
import { buildApprovalRequestNotification } from '../../../../shared/domain/notifications/kinds/approvalRequest';
import { NonRetryableError, TransientError } from '../../../../shared/errors';
import type { Notification } from '../../../../shared/ports/NotificationChannel';
import { SmtpCapture } from '../../../support/SmtpCapture';
import { HttpTarget } from '../../../support/httpTarget';
import { parseMimeMessage } from '../../../support/parseMimeMessage';
import {
  ALICE,
  approvalRequestFacts,
  BOB,
} from '../../../unit/shared/domain/notifications/notificationTestSupport';

const LOGIN = { user: 'lifeboat@example.com', password: 'p@ss:w0rd/with%odd&chars' };
const FROM = 'Lifeboat <lifeboat@example.com>';
/** Short, so the refused-connection case cannot hang the suite. */
const TIMEOUT_MS = 5_000;

describe('SmtpEmailChannel', () => {
  const notification: Notification = buildApprovalRequestNotification(
    approvalRequestFacts(),
    loadMessageTemplates(),
  );
  let smtp: SmtpCapture;

  beforeEach(async () => {
    smtp = new SmtpCapture(LOGIN);
    await smtp.start();
  });

  afterEach(async () => {
    await smtp.stop();
  });

  function channel(url = smtp.url): SmtpEmailChannel {
    return new SmtpEmailChannel({ url: new Secret(url), from: FROM, timeoutMs: TIMEOUT_MS });
  }

  it('sends each email as its own message, logged in with the credentials from the URL', async () => {
    const receipt = await channel().send(notification);

    expect(receipt).toEqual({ channel: 'email', notificationId: notification.id, delivered: 2 });
    expect(smtp.messages.map((message) => [message.user, message.from, message.to])).toEqual([
      [LOGIN.user, 'lifeboat@example.com', [ALICE.email]],
      [LOGIN.user, 'lifeboat@example.com', [BOB.email]],
    ]);
  });

  it('delivers headers, a plain-text part with raw links and an HTML part with working hrefs', async () => {
    await channel().send(notification);

    const message = parseMimeMessage(smtp.messages[0]?.raw ?? '');
    expect(message.headers.get('from')).toBe(FROM);
    expect(message.headers.get('to')).toBe(ALICE.email);
    expect(message.headers.get('subject')).toBe(notification.emails[0]?.subject);
    expect(message.headers.get('x-lifeboat-notification')).toBe(notification.id);
    expect(message.headers.get('message-id')).toMatch(
      /^<approval-request\.payments-api-20261122-031205\.r1\.l1\.[0-9a-f]{16}@lifeboat>$/,
    );
    expect(message.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    const [text, html] = message.parts;
    expect(text?.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(html?.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(text?.body.replace(/\r\n/g, '\n')).toBe(notification.emails[0]?.text);
    expect(html?.body.replace(/\r\n/g, '\n')).toBe(notification.emails[0]?.html);
    expect(text?.body).toContain(ALICE.approveUrl);
  });

  it('gives a resent notification the same Message-IDs, one per recipient', async () => {
    await channel().send(notification);
    await channel().send(notification);

    const ids = smtp.messages.map((message) => parseMimeMessage(message.raw).headers.get('message-id'));
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).toBe(ids[1]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('sends nothing for a notification without emails', async () => {
    const receipt = await channel().send({ ...notification, emails: [] });

    expect(receipt.delivered).toBe(0);
    expect(smtp.messages).toEqual([]);
  });

  it('sends the other emails when a recipient is refused for good, then fails without retry', async () => {
    smtp.verdicts.set(ALICE.email ?? '', 550);

    const sending = channel().send(notification);

    await expect(sending).rejects.toThrow(NonRetryableError);
    await expect(sending).rejects.toThrow(
      `1 of 2 emails were not accepted (1 sent); not retryable: email 1 of 2 of notification ${notification.id}: the recipient was refused (550 5.1.1).`,
    );
    expect(smtp.messages.map((message) => message.to)).toEqual([[BOB.email]]);
  });

  it('stops and asks for a retry when the server defers a recipient (4xx)', async () => {
    smtp.verdicts.set(ALICE.email ?? '', 451);

    const sending = channel().send(notification);

    await expect(sending).rejects.toThrow(TransientError);
    await expect(sending).rejects.toThrow(
      /email 1 of 2 .*: the recipient was deferred \(451 4\.7\.1\); retryable\.$/,
    );
    expect(smtp.messages).toEqual([]);
  });

  it('fails without retry when the login is refused, without showing the credentials', async () => {
    const sending = channel(smtp.urlWith('wrong-password')).send(notification);

    await expect(sending).rejects.toThrow(NonRetryableError);
    await expect(sending).rejects.toThrow(/the login was refused \(535\); not retryable\.$/);
    await sending.catch((err: Error) => expectNoSecrets(err.message));
  });

  it('asks for a retry when the server is down', async () => {
    const port = new URL(await HttpTarget.refusingUrl()).port;

    const sending = channel(`smtp://${encodeURIComponent(LOGIN.user)}:secret-pass@127.0.0.1:${port}`).send(
      notification,
    );

    await expect(sending).rejects.toThrow(TransientError);
    await expect(sending).rejects.toThrow(/the connection was refused \(ECONNREFUSED\); retryable\.$/);
    await sending.catch((err: Error) => expect(err.message).not.toContain('secret-pass'));
  });

  it.each(['https://mail.example.com', 'smtp://', 'not a url', 'smtp://user:pass@'])(
    'refuses the URL %j without repeating it',
    (url) => {
      const create = () => new SmtpEmailChannel({ url: new Secret(url), from: FROM });

      expect(create).toThrow(NonRetryableError);
      expect(create).toThrow('The SMTP URL is not an smtp:// or smtps:// URL with a host.');
    },
  );

  it('refuses to send to anything but a single address', async () => {
    const sneaky = {
      ...notification,
      emails: [{ ...notification.emails[0], to: 'alice@example.com, eve@evil.example' }],
    };

    await expect(channel().send(sneaky as Notification)).rejects.toThrow(/not a single email address/);
    expect(smtp.messages).toEqual([]);
  });
});

function expectNoSecrets(message: string): void {
  for (const secret of [
    LOGIN.password,
    encodeURIComponent(LOGIN.password),
    'wrong-password',
    ALICE.email ?? '',
  ]) {
    expect(message).not.toContain(secret);
  }
}
