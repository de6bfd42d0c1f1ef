// The approval request card, rendered from the shipped template with adaptivecards-templating.
import type { AdaptiveCard } from '../../../../../shared/domain/notifications/AdaptiveCard';
import { ALERT_SUMMARY_MAX_CHARS } from '../../../../../shared/domain/notifications/approvalRequestView';
import { renderApprovalRequestCard } from '../../../../../shared/domain/notifications/renderApprovalRequestCard';
import {
  ALICE,
  ATTRIBUTE_INJECTION,
  BOB,
  CAROL,
  SCRIPT_INJECTION,
  STATUS_URL,
  TEMPLATES,
  allStrings,
  approvalRequestFacts,
} from './notificationTestSupport';

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
