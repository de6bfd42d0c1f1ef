// Every message of a drill says DRILL first: the email's subject and first line (text and HTML), and the
// card's first block; a live incident's message is left as it was.
import { asIncidentMessage, markDrill } from '../../../../../../shared/domain/notifications/base/markDrill';
import { teamsMessage } from '../../../../../../shared/domain/notifications/base/TeamsMessage';
import type { Notification } from '../../../../../../shared/ports/NotificationChannel';

const notification: Notification = {
  id: 'approval-request-x',
  kind: 'approval-request',
  incidentId: 'drill-orders-api-20261122-030000',
  emails: [
    {
      to: 'alice@example.com',
      subject: 'Approve DR activation: Orders API',
      text: 'Orders API needs a decision.\nMore.',
      html: '<!doctype html><html><body class="x"><h1>Approve</h1></body></html>',
    },
  ],
  card: teamsMessage({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Approve DR activation' }],
  }),
  links: [],
};

describe('markDrill', () => {
  it('puts DRILL first in the subject, the text, the HTML body and the card', () => {
    const marked = markDrill(notification, 'dry-run');
    const email = marked.emails[0];
    expect(email?.subject).toBe('[DRILL (dry-run)] Approve DR activation: Orders API');
    expect(email?.text.split('\n')[0]).toBe(
      'DRILL (dry-run): a rehearsal of the DR plan that calls nothing. This is not a real incident.',
    );
    expect(email?.text).toContain('Orders API needs a decision.');
    expect(email?.html).toMatch(
      /^<!doctype html><html><body class="x"><p [^>]*>DRILL \(dry-run\): a rehearsal/,
    );
    const body = marked.card?.attachments[0].content.body;
    expect(body?.[0]).toMatchObject({
      type: 'TextBlock',
      text: expect.stringMatching(/^DRILL \(dry-run\): /),
    });
    expect(body?.[1]).toEqual({ type: 'TextBlock', text: 'Approve DR activation' });
    expect(marked.id).toBe(notification.id);
  });

  it('leaves a live incident’s message alone', () => {
    expect(asIncidentMessage(notification, {})).toBe(notification);
    expect(asIncidentMessage(notification, { drill: { kind: 'drill' } }).emails[0]?.subject).toBe(
      '[DRILL] Approve DR activation: Orders API',
    );
  });
});
