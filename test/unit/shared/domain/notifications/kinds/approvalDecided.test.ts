// The approval decided kind: the notification the channels send, and its email and card rendered from the shipped templates.
import {
  type ApprovalDecidedFacts,
  buildApprovalDecidedNotification,
  renderApprovalDecided,
} from '../../../../../../shared/domain/notifications/kinds/approvalDecided';
import { ValidationError } from '../../../../../../shared/errors';
import {
  allStrings,
  approvalDecidedFacts,
  decodeHtmlEntities,
  hrefs,
  SCRIPT_INJECTION,
  STATUS_URL,
  tagNames,
  TEMPLATES,
} from '../notificationTestSupport';

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

describe('renderApprovalDecided', () => {
  it.each<[ApprovalDecidedFacts['outcome'], string | undefined, string, string, string]>([
    ['approved', 'Alice Example', 'Approved', 'approved by Alice Example', 'goes ahead with the failover'],
    ['rejected', 'Bob Builder', 'Rejected', 'rejected by Bob Builder', 'does not fail over'],
    ['expired', undefined, 'Expired', 'not decided before the deadline', 'does not fail over'],
    [
      'auto-approved',
      undefined,
      'Approved by policy',
      "approved automatically by the workload's policy",
      'goes ahead',
    ],
    ['cancelled', 'Operator On Call', 'Cancelled', 'cancelled by Operator On Call', 'does not fail over'],
  ])('words a %s outcome (decided by %s)', (outcome, decidedBy, title, wording, consequence) => {
    const { email, card } = renderApprovalDecided(approvalDecidedFacts({ outcome, decidedBy }), TEMPLATES);

    expect(email.subject).toBe(`[Lifeboat] ${title}: DR activation for Payments API`);
    expect(email.text).toContain(`The DR activation (failover) for Payments API was ${wording}.`);
    expect(email.text).toContain(consequence);
    expect(decodeHtmlEntities(email.html)).toContain(`was <strong>${wording}</strong>`);
    expect(allStrings(card)).toEqual(expect.arrayContaining([`DR activation: ${title}`, ` was ${wording}.`]));
    expect(allStrings(card).join('\n')).toContain(consequence);
  });

  it('tells recipients that nothing more is needed from them and shows the reason and the decider', () => {
    const { email, card } = renderApprovalDecided(approvalDecidedFacts(), TEMPLATES);

    for (const text of [email.text, decodeHtmlEntities(email.html), allStrings(card).join('\n')]) {
      expect(text).toContain('links sent for this request can no longer be used');
      expect(text).toContain('Quorum of 2 approvals reached');
      expect(text).toContain('Alice Example');
      expect(text).toContain('payments-api-20261122-031205');
    }
    expect(email.text).toContain(`Incident status: ${STATUS_URL}`);
    expect(hrefs(email.html)).toEqual([STATUS_URL]);
    expect(card).toMatchObject({
      type: 'AdaptiveCard',
      actions: [{ type: 'Action.OpenUrl', title: 'Incident status', url: STATUS_URL }],
    });
  });

  it('shows markup in the reason and names as text', () => {
    const { email, card } = renderApprovalDecided(
      approvalDecidedFacts({
        reason: `Rejected: ${SCRIPT_INJECTION}`,
        decidedBy: `Mallory ${SCRIPT_INJECTION}`,
      }),
      TEMPLATES,
    );

    expect(tagNames(email.html)).not.toContain('script');
    expect(decodeHtmlEntities(email.html)).toContain(`Rejected: ${SCRIPT_INJECTION}`);
    expect(allStrings(card)).toEqual(expect.arrayContaining([`Rejected: ${SCRIPT_INJECTION}`]));
  });

  it('leaves out what the facts do not have', () => {
    const { email, card } = renderApprovalDecided(
      approvalDecidedFacts({ outcome: 'expired', decidedBy: undefined, reason: '', statusUrl: undefined }),
      TEMPLATES,
    );

    for (const text of [email.text, email.html, ...allStrings(card)]) {
      expect(text).not.toMatch(/undefined|Decided by|Reason|Incident status|\$\{/);
    }
    expect(card.actions).toEqual([]);
  });
});
