// The approval request kind: the notification the channels send, one approver's email and the Teams card,
// rendered from the shipped templates.
import type { AdaptiveCard } from '../../../../../../shared/domain/notifications/base/AdaptiveCard';
import {
  ALERT_SUMMARY_MAX_CHARS,
  buildApprovalRequestNotification,
  renderApprovalRequestCard,
  renderApprovalRequestEmail,
} from '../../../../../../shared/domain/notifications/kinds/approvalRequest';
import { ValidationError } from '../../../../../../shared/errors';
import {
  ALICE,
  allStrings,
  approvalRequestFacts,
  ATTRIBUTE_INJECTION,
  BOB,
  CAROL,
  decodeHtmlEntities,
  hrefs,
  SCRIPT_INJECTION,
  STATUS_URL,
  tagNames,
  TEMPLATES,
} from '../notificationTestSupport';

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

/** Every element and action, depth first, the way a card renderer walks them. */
function elements(card: AdaptiveCard): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string') {
        found.push(record);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

function ofType(card: AdaptiveCard, type: string): Record<string, unknown>[] {
  return elements(card).filter((element) => element.type === type);
}

function facts(card: AdaptiveCard): Record<string, string> {
  const [factSet] = ofType(card, 'FactSet');
  const list = (factSet?.facts ?? []) as { title: string; value: string }[];
  return Object.fromEntries(list.map((fact) => [fact.title, fact.value]));
}

/** Text rendered as markdown (TextBlock) versus literally (TextRun). */
function markdownTexts(card: AdaptiveCard): string[] {
  return ofType(card, 'TextBlock').map((block) => String(block.text));
}
function literalTexts(card: AdaptiveCard): string[] {
  return ofType(card, 'TextRun').map((run) => String(run.text));
}

describe('renderApprovalRequestCard', () => {
  const card = renderApprovalRequestCard(approvalRequestFacts(), TEMPLATES);

  it('is a structurally valid Adaptive Card', () => {
    expect(card).toMatchObject({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: expect.stringMatching(/^1\.[45]$/),
    });
    expect(Array.isArray(card.body)).toBe(true);
    for (const element of elements(card)) {
      expect(element.type).toEqual(expect.any(String));
    }
    const openUrls = ofType(card, 'Action.OpenUrl');
    expect(openUrls.length).toBeGreaterThan(0);
    for (const action of openUrls) {
      expect(new URL(String(action.url)).protocol).toBe('https:');
      expect(action.title).toEqual(expect.any(String));
    }
  });

  it('resolves every binding of the template', () => {
    expect(allStrings(card).filter((text) => text.includes('${'))).toEqual([]);
  });

  it('shows the facts', () => {
    expect(facts(card)).toEqual({
      Workload: 'payments-api',
      Incident: 'payments-api-20261122-031205',
      Tier: '0 (mission critical)',
      Severity: 'Sev1',
      'RTO budget': '11m 20s of 15m left',
      'Decide by': '2026-11-22 03:27:05 UTC',
      Quorum: 'needs 2 approvals; 1 so far',
      Asked: 'level 1: approver, sre-lead',
    });
    expect(literalTexts(card)).toEqual(
      expect.arrayContaining([
        'Payments API',
        '• 2 Sev1 alerts have fired for 6m 10s (at least 5m)',
        '• Primary region probes failing: 3 of 3',
        'Sev1 fired at 2026-11-22 03:02:05 UTC: ',
        'HTTP 5xx rate above 20% on payments-api-weu',
        'fired at 2026-11-22 03:04:40 UTC: ',
        'Primary database failover group unhealthy',
      ]),
    );
  });

  it('gives every approver an Approve and a Reject button to their own links', () => {
    const buttons = ofType(card, 'Action.OpenUrl').map((action) => [action.title, action.url]);

    expect(buttons).toEqual([
      ['Approve as Alice Example', ALICE.approveUrl],
      ['Reject as Alice Example', ALICE.rejectUrl],
      ['Approve as Bob Builder', BOB.approveUrl],
      ['Reject as Bob Builder', BOB.rejectUrl],
      ['Approve as Carol Teams', CAROL.approveUrl],
      ['Reject as Carol Teams', CAROL.rejectUrl],
      ['Incident status', STATUS_URL],
    ]);
  });

  it('mentions the approvers who have a Teams UPN, with matching text in the card', () => {
    const msteams = card.msteams as { entities: { type: string; text: string; mentioned: object }[] };

    expect(msteams.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Alice Example</at>',
        mentioned: { id: ALICE.teamsUpn, name: 'Alice Example' },
      },
      {
        type: 'mention',
        text: '<at>Carol Teams</at>',
        mentioned: { id: CAROL.teamsUpn, name: 'Carol Teams' },
      },
    ]);
    const texts = markdownTexts(card);
    expect(texts).toEqual(
      expect.arrayContaining(['<at>Alice Example</at>', 'Bob Builder', '<at>Carol Teams</at>']),
    );
    expect(texts).not.toContain('<at>Bob Builder</at>');
  });

  it('keeps ${…} in data literal: only the template is evaluated', () => {
    const sneaky = approvalRequestFacts({
      workloadName: 'Payments ${incidentId}',
      reasons: ['budget ${string(1)} and ${1 + 1}'],
      recentAlerts: [
        {
          summary: 'cost ${budget} for ${$root.approvers[0].approveUrl}',
          condition: 'fired',
          at: '2026-11-22T03:02:05Z',
        },
      ],
      approvers: [{ ...BOB, name: 'Bob ${$root.statusUrl}' }],
    });

    const rendered = renderApprovalRequestCard(sneaky, TEMPLATES);

    expect(literalTexts(rendered)).toEqual(
      expect.arrayContaining([
        'Payments ${incidentId}',
        '• budget ${string(1)} and ${1 + 1}',
        'cost ${budget} for ${$root.approvers[0].approveUrl}',
      ]),
    );
    expect(ofType(rendered, 'Action.OpenUrl')[0]?.title).toBe('Approve as Bob ${$root.statusUrl}');
    expect(allStrings(rendered).filter((text) => text.includes(BOB.approveUrl))).toEqual([BOB.approveUrl]);
  });

  it('puts untrusted text in TextRuns, which Teams shows literally, never in markdown TextBlocks', () => {
    const summary = `[click here](https://evil.example) ${SCRIPT_INJECTION}`;
    const hostile = approvalRequestFacts({
      workloadName: `Payments ${ATTRIBUTE_INJECTION}`,
      reasons: [`**urgent** ${SCRIPT_INJECTION}`],
      recentAlerts: [{ summary, condition: 'fired', at: '2026-11-22T03:02:05Z' }],
    });

    const rendered = renderApprovalRequestCard(hostile, TEMPLATES);

    expect(literalTexts(rendered)).toEqual(
      expect.arrayContaining([
        summary,
        `Payments ${ATTRIBUTE_INJECTION}`,
        `• **urgent** ${SCRIPT_INJECTION}`,
      ]),
    );
    for (const text of markdownTexts(rendered)) {
      expect(text).not.toMatch(/evil|script|onerror|urgent/);
    }
  });

  it('leaves out the parts the facts do not have', () => {
    const sparse = renderApprovalRequestCard(
      approvalRequestFacts({ severity: undefined, statusUrl: undefined, reasons: [], recentAlerts: [] }),
      TEMPLATES,
    );

    expect(Object.keys(facts(sparse))).not.toContain('Severity');
    expect(ofType(sparse, 'Action.OpenUrl').map((action) => action.title)).not.toContain('Incident status');
    expect(markdownTexts(sparse)).not.toEqual(
      expect.arrayContaining(['Recent alerts', 'Why the activation criteria matched']),
    );
    expect(allStrings(sparse).filter((text) => text.includes('${') || text.includes('undefined'))).toEqual(
      [],
    );
  });

  it('marks an escalated request', () => {
    const escalated = renderApprovalRequestCard(
      approvalRequestFacts({ level: 2, levelRoles: ['deputy'] }),
      TEMPLATES,
    );

    expect(markdownTexts(escalated).some((text) => text.startsWith('Escalated'))).toBe(true);
    expect(markdownTexts(card).some((text) => text.startsWith('Escalated'))).toBe(false);
  });

  it('cuts long alert summaries, so a chatty monitoring system cannot push the card past Teams limits', () => {
    const long = `${'x'.repeat(ALERT_SUMMARY_MAX_CHARS)}🙂 and more`;

    const rendered = renderApprovalRequestCard(
      approvalRequestFacts({
        recentAlerts: [{ summary: long, condition: 'fired', at: '2026-11-22T03:02:05Z' }],
      }),
      TEMPLATES,
    );

    const summary = literalTexts(rendered).find((text) => text.startsWith('xxx')) ?? '';
    expect(Array.from(summary)).toHaveLength(ALERT_SUMMARY_MAX_CHARS);
    expect(summary.endsWith('x…')).toBe(true);
  });
});

describe('the approval request of a failback', () => {
  it('says it is about a failback, from the subject and first line on, where round 1 is the failover', () => {
    const failover = renderApprovalRequestEmail(approvalRequestFacts(), ALICE, TEMPLATES);
    expect(failover.subject).toContain('Approve DR activation for');
    const failback = renderApprovalRequestEmail({ ...approvalRequestFacts(), round: 2 }, ALICE, TEMPLATES);
    expect(failback.subject).toContain('Approve Failback for');
    expect(failback.text.split('\n')[0]).toContain('a failback to the primary region for');
    expect(failback.text).not.toContain('DR activation (failover)');
    const card = JSON.stringify(
      renderApprovalRequestCard({ ...approvalRequestFacts(), round: 2 }, TEMPLATES),
    );
    expect(card).toContain('Approve Failback?');
  });
});
