// The approval request as the notification channels send it.
import { buildApprovalRequestNotification } from '../../../../../shared/domain/notifications/buildApprovalRequestNotification';
import { ValidationError } from '../../../../../shared/errors';
import { ALICE, BOB, CAROL, TEMPLATES, approvalRequestFacts, hrefs } from './notificationTestSupport';

describe('buildApprovalRequestNotification', () => {
  const notification = buildApprovalRequestNotification(approvalRequestFacts(), TEMPLATES);

  it('is identified by incident, round and escalation level, the same every time', () => {
    expect(notification).toMatchObject({
      id: 'approval-request.payments-api-20261122-031205.r1.l1',
      kind: 'approval-request',
      incidentId: 'payments-api-20261122-031205',
    });
    expect(buildApprovalRequestNotification(approvalRequestFacts(), TEMPLATES)).toEqual(notification);
    expect(buildApprovalRequestNotification(approvalRequestFacts({ level: 2 }), TEMPLATES).id).toBe(
      'approval-request.payments-api-20261122-031205.r1.l2',
    );
    expect(buildApprovalRequestNotification(approvalRequestFacts({ round: 2 }), TEMPLATES).id).toBe(
      'approval-request.payments-api-20261122-031205.r2.l1',
    );
  });

  it('mails each approver with an address their own links, and nobody else', () => {
    expect(notification.emails.map((email) => email.to)).toEqual([ALICE.email, BOB.email]);
    const [alices, bobs] = notification.emails;
    expect(hrefs(alices?.html ?? '').slice(0, 2)).toEqual([ALICE.approveUrl, ALICE.rejectUrl]);
    expect(hrefs(bobs?.html ?? '').slice(0, 2)).toEqual([BOB.approveUrl, BOB.rejectUrl]);
    expect(alices?.subject).toContain('Payments API');
  });

  it('mails a person listed twice once', () => {
    const twice = buildApprovalRequestNotification(
      approvalRequestFacts({ approvers: [ALICE, { ...ALICE, email: 'Alice@Example.com' }] }),
      TEMPLATES,
    );

    expect(twice.emails.map((email) => email.to)).toEqual([ALICE.email]);
  });

  it('carries the card in a Teams message envelope', () => {
    expect(notification.card).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: expect.objectContaining({ type: 'AdaptiveCard' }),
        },
      ],
    });
  });

  it('lists every link for the outbox to print', () => {
    expect(notification.links).toEqual([
      { approver: ALICE.name, decision: 'approve', url: ALICE.approveUrl },
      { approver: ALICE.name, decision: 'reject', url: ALICE.rejectUrl },
      { approver: BOB.name, decision: 'approve', url: BOB.approveUrl },
      { approver: BOB.name, decision: 'reject', url: BOB.rejectUrl },
      { approver: CAROL.name, decision: 'approve', url: CAROL.approveUrl },
      { approver: CAROL.name, decision: 'reject', url: CAROL.rejectUrl },
    ]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(notification))).toEqual(notification);
  });

  it('refuses links that are not http(s), and ids unsafe in file names', () => {
    const build = (overrides: Parameters<typeof approvalRequestFacts>[0]) => () =>
      buildApprovalRequestNotification(approvalRequestFacts(overrides), TEMPLATES);

    expect(build({ approvers: [{ ...ALICE, approveUrl: 'javascript:alert(1)' }] })).toThrow(ValidationError);
    expect(build({ statusUrl: 'data:text/html,hi' })).toThrow(ValidationError);
    expect(build({ incidentId: '../../etc/passwd' })).toThrow(ValidationError);
    expect(build({ approvers: [] })).toThrow(ValidationError);
    expect(build({ approvers: [{ ...ALICE, rejectUrl: 'ftp://example.com/x' }] })).toThrow(
      expect.objectContaining({ details: [{ path: 'approvers[0].rejectUrl', message: expect.any(String) }] }),
    );
  });
});
