// One approver's approval request email, rendered from the shipped templates.
import { renderApprovalRequestEmail } from '../../../../../shared/domain/notifications/renderApprovalRequestEmail';
import {
  ALICE,
  ATTRIBUTE_INJECTION,
  BOB,
  SCRIPT_INJECTION,
  STATUS_URL,
  TEMPLATES,
  approvalRequestFacts,
  decodeHtmlEntities,
  hrefs,
  tagNames,
} from './notificationTestSupport';

/** The tags the shipped HTML template itself uses; anything else came from data. */
const TEMPLATE_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'body',
  'p',
  'strong',
  'table',
  'tr',
  'th',
  'td',
  'h3',
  'ul',
  'li',
  'a',
]);

describe('renderApprovalRequestEmail', () => {
  const facts = approvalRequestFacts();
  const email = renderApprovalRequestEmail(facts, ALICE, TEMPLATES);

  it.each([
    ['workload name', 'Payments API'],
    ['workload id', 'payments-api'],
    ['incident id', 'payments-api-20261122-031205'],
    ['tier', '0 (mission critical)'],
    ['severity', 'Sev1'],
    ['RTO budget left', '11m 20s of 15m left'],
    ['first reason', '2 Sev1 alerts have fired for 6m 10s (at least 5m)'],
    ['second reason', 'Primary region probes failing: 3 of 3'],
    ['first alert', 'Sev1 fired at 2026-11-22 03:02:05 UTC: HTTP 5xx rate above 20% on payments-api-weu'],
    ['alert without severity', 'fired at 2026-11-22 03:04:40 UTC: Primary database failover group unhealthy'],
    ['deadline', '2026-11-22 03:27:05 UTC'],
    ['quorum', 'needs 2 approvals; 1 so far'],
    ['escalation level and roles', 'level 1: approver, sre-lead'],
    ['approver name', 'Alice Example'],
  ])('shows the %s in the text and the HTML', (_fact, shown) => {
    expect(email.text).toContain(shown);
    expect(decodeHtmlEntities(email.html)).toContain(shown);
  });

  it('has a one-line subject naming the workload, tier, severity and RTO budget', () => {
    expect(email.subject).toBe(
      '[Lifeboat] Approve DR activation for Payments API? Tier 0, Sev1, RTO 11m 20s of 15m left',
    );
  });

  it('puts the raw link URLs in the plain text', () => {
    expect(email.text).toContain(`Approve as Alice Example:\n${ALICE.approveUrl}\n`);
    expect(email.text).toContain(`Reject as Alice Example:\n${ALICE.rejectUrl}\n`);
    expect(email.text).toContain(`Incident status: ${STATUS_URL}`);
    expect(email.text).not.toContain('&amp;');
  });

  it('links to the exact URLs from the HTML once the browser decodes the attribute', () => {
    expect(hrefs(email.html)).toEqual([ALICE.approveUrl, ALICE.rejectUrl, STATUS_URL]);
    // Mustache escapes `&` and `=` in the attribute: the raw query string must not appear unescaped.
    expect(email.html).not.toContain('decision=approve&code');
  });

  it('carries only its own approver links', () => {
    const bobs = renderApprovalRequestEmail(facts, BOB, TEMPLATES);

    for (const other of [BOB.approveUrl, BOB.rejectUrl]) {
      expect(email.text).not.toContain(other);
      expect(hrefs(email.html)).not.toContain(other);
    }
    expect(hrefs(bobs.html)).toEqual([BOB.approveUrl, BOB.rejectUrl, STATUS_URL]);
    expect(bobs.text).not.toContain(ALICE.approveUrl);
    expect(bobs.text).not.toContain('/api/approvals/eyJ2IjoxLCJkIjoiYSJ9.c2lnLWFsaWNl');
  });

  it('shows markup in alert summaries and names as text, never as markup', () => {
    const hostile = approvalRequestFacts({
      workloadName: `Payments ${ATTRIBUTE_INJECTION}`,
      reasons: [`Reason ${SCRIPT_INJECTION}`],
      recentAlerts: [
        { summary: `Summary ${SCRIPT_INJECTION}`, condition: 'fired', at: '2026-11-22T03:02:05Z' },
        { summary: `Summary ${ATTRIBUTE_INJECTION}`, condition: 'resolved', at: '2026-11-22T03:03:05Z' },
      ],
      approvers: [{ ...ALICE, name: `Alice ${ATTRIBUTE_INJECTION}` }],
    });

    const rendered = renderApprovalRequestEmail(hostile, hostile.approvers[0] ?? ALICE, TEMPLATES);

    expect(tagNames(rendered.html).filter((tag) => !TEMPLATE_TAGS.has(tag))).toEqual([]);
    expect(rendered.html).not.toMatch(/<script|<img|onerror="/i);
    expect(hrefs(rendered.html)).toEqual([ALICE.approveUrl, ALICE.rejectUrl, STATUS_URL]);
    const shown = decodeHtmlEntities(rendered.html);
    expect(shown).toContain(`Summary ${SCRIPT_INJECTION}`);
    expect(shown).toContain(`Summary ${ATTRIBUTE_INJECTION}`);
    expect(shown).toContain(`Payments ${ATTRIBUTE_INJECTION}`);
    // Plain text is not HTML: it shows the same characters as they are.
    expect(rendered.text).toContain(`Summary ${SCRIPT_INJECTION}`);
    expect(rendered.subject).toContain(`Payments ${ATTRIBUTE_INJECTION}`);
  });

  it('keeps a link with a quote inside its attribute', () => {
    const sneaky = { ...ALICE, approveUrl: 'https://lifeboat.example.com/a?x="><script>alert(1)</script>' };

    const rendered = renderApprovalRequestEmail(
      approvalRequestFacts({ approvers: [sneaky] }),
      sneaky,
      TEMPLATES,
    );

    expect(rendered.html).not.toContain('<script');
    expect(hrefs(rendered.html)[0]).toBe(sneaky.approveUrl);
  });

  it('leaves mustache tags in data as text', () => {
    const rendered = renderApprovalRequestEmail(
      approvalRequestFacts({
        recentAlerts: [
          {
            summary: 'see {{approver.approveUrl}} and {{{statusUrl}}}',
            condition: 'fired',
            at: '2026-11-22T03:02:05Z',
          },
        ],
      }),
      ALICE,
      TEMPLATES,
    );

    expect(rendered.text).toContain('see {{approver.approveUrl}} and {{{statusUrl}}}');
    expect(decodeHtmlEntities(rendered.html)).toContain('see {{approver.approveUrl}} and {{{statusUrl}}}');
  });

  it('keeps line breaks in data out of the subject', () => {
    const rendered = renderApprovalRequestEmail(
      approvalRequestFacts({ workloadName: 'Payments\r\nBcc: eve@example.com' }),
      ALICE,
      TEMPLATES,
    );

    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.subject).toContain('Payments Bcc: eve@example.com');
  });

  it('leaves out what the facts do not have, without printing "undefined"', () => {
    const sparse = approvalRequestFacts({
      severity: undefined,
      statusUrl: undefined,
      reasons: [],
      recentAlerts: [],
    });

    const rendered = renderApprovalRequestEmail(sparse, ALICE, TEMPLATES);

    for (const part of [rendered.subject, rendered.text, rendered.html]) {
      expect(part).not.toMatch(/undefined|Severity|Incident status/);
    }
    expect(rendered.subject).toBe(
      '[Lifeboat] Approve DR activation for Payments API? Tier 0, RTO 11m 20s of 15m left',
    );
    expect(rendered.text).toContain('(none recorded)');
    expect(hrefs(rendered.html)).toEqual([ALICE.approveUrl, ALICE.rejectUrl]);
  });

  it('says when the request was escalated', () => {
    const escalated = approvalRequestFacts({ level: 2, levelRoles: ['deputy'] });

    const rendered = renderApprovalRequestEmail(escalated, ALICE, TEMPLATES);

    expect(rendered.subject).toMatch(/^\[Lifeboat\] Escalated: Approve DR activation/);
    expect(rendered.text).toContain('escalated to you');
    expect(rendered.text).toContain('level 2: deputy');
  });

  it('says when the RTO is already exceeded', () => {
    const late = approvalRequestFacts({ rto: { targetSeconds: 900, remainingSeconds: -125 } });

    expect(renderApprovalRequestEmail(late, ALICE, TEMPLATES).text).toContain(
      'none of 15m left (over by 2m 5s)',
    );
  });
});
