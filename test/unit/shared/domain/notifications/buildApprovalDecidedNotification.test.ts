// The end of an approval round as the notification channels send it.
import { buildApprovalDecidedNotification } from '../../../../../shared/domain/notifications/buildApprovalDecidedNotification';
import { ValidationError } from '../../../../../shared/errors';
import { TEMPLATES, approvalDecidedFacts } from './notificationTestSupport';

describe('buildApprovalDecidedNotification', () => {
  const notification = buildApprovalDecidedNotification(approvalDecidedFacts(), TEMPLATES);

  it('is identified by incident and round', () => {
    expect(notification).toMatchObject({
      id: 'approval-decided.payments-api-20261122-031205.r1',
      kind: 'approval-decided',
      incidentId: 'payments-api-20261122-031205',
      links: [],
    });
    expect(buildApprovalDecidedNotification(approvalDecidedFacts({ round: 3 }), TEMPLATES).id).toBe(
      'approval-decided.payments-api-20261122-031205.r3',
    );
  });

  it('sends the same email to every recipient with an address, once each', () => {
    const facts = approvalDecidedFacts();
    const withRepeat = approvalDecidedFacts({
      recipients: [...facts.recipients, { name: 'Alice again', email: 'ALICE@example.com' }],
    });

    const { emails } = buildApprovalDecidedNotification(withRepeat, TEMPLATES);

    expect(emails.map((email) => email.to)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(emails[0]?.html).toBe(emails[1]?.html);
    expect(emails[0]?.subject).toBe('[Lifeboat] Approved: DR activation for Payments API');
  });

  it('posts a card to Teams', () => {
    expect(notification.card?.attachments[0].content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('refuses invalid facts', () => {
    expect(() =>
      buildApprovalDecidedNotification(
        approvalDecidedFacts({ outcome: 'maybe' as 'approved', round: 0 }),
        TEMPLATES,
      ),
    ).toThrow(ValidationError);
  });
});
