// Fixtures for the notification rendering tests: facts with every field set, the templates that ship in
// templates/messages/, and helpers that read rendered HTML the way a browser would.
import { loadMessageTemplates } from '../../../../../shared/adapters/notify/loadMessageTemplates';
import type { MessageTemplates } from '../../../../../shared/domain/notifications/base/MessageTemplates';
import type { ApprovalDecidedFacts } from '../../../../../shared/domain/notifications/kinds/approvalDecided';
import type {
  ApprovalRequestFacts,
  ApproverLinks,
} from '../../../../../shared/domain/notifications/kinds/approvalRequest';

/** The shipped templates: the tests pin what approvers will actually receive. */
export const TEMPLATES: MessageTemplates = loadMessageTemplates();

/** Links with `&`, `=` and percent-escapes, the characters HTML escaping and mail encoding touch. */
export const ALICE: ApproverLinks = {
  name: 'Alice Example',
  email: 'alice@example.com',
  teamsUpn: 'alice@contoso.example',
  approveUrl:
    'https://lifeboat.example.com/api/approvals/eyJ2IjoxLCJkIjoiYSJ9.c2lnLWFsaWNl?decision=approve&code=a1%2Bb%3D%3D',
  rejectUrl:
    'https://lifeboat.example.com/api/approvals/eyJ2IjoxLCJkIjoiciJ9.c2lnLWFsaWNlLXI?decision=reject&code=a1%2Bb%3D%3D',
};

export const BOB: ApproverLinks = {
  name: 'Bob Builder',
  email: 'bob@example.com',
  approveUrl: 'https://lifeboat.example.com/api/approvals/eyJ2IjoxLCJkIjoiYSJ9.c2lnLWJvYg?decision=approve',
  rejectUrl: 'https://lifeboat.example.com/api/approvals/eyJ2IjoxLCJkIjoiciJ9.c2lnLWJvYi1y?decision=reject',
};

/** Asked on Teams only: no email address. */
export const CAROL: ApproverLinks = {
  name: 'Carol Teams',
  teamsUpn: 'carol@contoso.example',
  approveUrl: 'https://lifeboat.example.com/api/approvals/carol-approve',
  rejectUrl: 'https://lifeboat.example.com/api/approvals/carol-reject',
};

export const STATUS_URL = 'https://lifeboat.example.com/api/incidents/payments-api-20261122-031205';

export function approvalRequestFacts(overrides: Partial<ApprovalRequestFacts> = {}): ApprovalRequestFacts {
  return {
    incidentId: 'payments-api-20261122-031205',
    workloadId: 'payments-api',
    workloadName: 'Payments API',
    tier: 0,
    severity: 'Sev1',
    rto: { targetSeconds: 900, remainingSeconds: 680 },
    reasons: ['2 Sev1 alerts have fired for 6m 10s (at least 5m)', 'Primary region probes failing: 3 of 3'],
    recentAlerts: [
      {
        summary: 'HTTP 5xx rate above 20% on payments-api-weu',
        severity: 'Sev1',
        condition: 'fired',
        at: '2026-11-22T03:02:05.000Z',
      },
      {
        summary: 'Primary database failover group unhealthy',
        condition: 'fired',
        at: '2026-11-22T03:04:40Z',
      },
    ],
    round: 1,
    level: 1,
    levelRoles: ['approver', 'sre-lead'],
    quorum: { required: 2, approvals: 1 },
    deadline: '2026-11-22T03:27:05.000Z',
    statusUrl: STATUS_URL,
    approvers: [ALICE, BOB, CAROL],
    ...overrides,
  };
}

export function approvalDecidedFacts(overrides: Partial<ApprovalDecidedFacts> = {}): ApprovalDecidedFacts {
  return {
    incidentId: 'payments-api-20261122-031205',
    workloadName: 'Payments API',
    round: 1,
    outcome: 'approved',
    reason: 'Quorum of 2 approvals reached',
    decidedBy: 'Alice Example',
    statusUrl: STATUS_URL,
    recipients: [
      { name: 'Alice Example', email: 'alice@example.com' },
      { name: 'Bob Builder', email: 'bob@example.com' },
      { name: 'Carol Teams', teamsUpn: 'carol@contoso.example' },
    ],
    ...overrides,
  };
}

/** Markup an alert summary or a name could carry to break out of text or an attribute. */
export const SCRIPT_INJECTION = '<script>alert(1)</script>';
export const ATTRIBUTE_INJECTION = '"><img src=x onerror=alert(1)>';

/**
 * Character references as an HTML parser resolves them in text and attribute values (named ones limited
 * to those HTML escapers produce). Written here rather than borrowed from the code under test.
 */
export function decodeHtmlEntities(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      return String.fromCodePoint(parseInt(ref.slice(2), 16));
    }
    if (ref.startsWith('#')) {
      return String.fromCodePoint(parseInt(ref.slice(1), 10));
    }
    return named[ref.toLowerCase()] ?? whole;
  });
}

/** The URLs a browser would follow: every double-quoted href, decoded. */
export function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((match) => decodeHtmlEntities(match[1] ?? ''));
}

/** The tag names in `html` (`script`, `img`...), to check no markup came from data. */
export function tagNames(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => (match[1] ?? '').toLowerCase());
}

/** Every string anywhere in a JSON value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.flatMap(allStrings);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).flatMap(allStrings);
  }
  return [];
}
