// The approval request: what an approver is told when Lifeboat asks for a DR activation decision. The same
// facts go into the Teams card (an Approve / Reject pair per approver, each approver mentioned when their
// Teams UPN is known) and into one email per approver with an address, with only their own signed links.
import { z } from 'zod';
import type { ApprovalLinkLine, OutgoingEmail } from '../../../ports/NotificationChannel';
import { severitySchema } from '../../alerts/Severity';
import type { AdaptiveCard } from '../base/AdaptiveCard';
import { approvalSubjectView, type ApprovalSubjectView } from '../base/approvalSubject';
import { describeRtoBudget } from '../base/durationWording';
import { linkUrlSchema, utcInstantSchema } from '../base/factFields';
import { formatUtcInstant } from '../base/formatUtcInstant';
import { workloadHeaderFields, workloadHeaderView, type WorkloadHeaderView } from '../base/messageHeader';
import { defineMessageKind, type BuildNotification, type MessageKind } from '../base/MessageKind';
import type { EmailTemplates, MessageTemplates } from '../base/MessageTemplates';
import { renderAdaptiveCard } from '../base/renderAdaptiveCard';
import { renderEmail, type RenderedEmail } from '../base/renderEmail';
import { shorten } from '../base/shorten';
import { teamsMention, type TeamsMention } from '../base/teamsMention';

export const approverLinksSchema = z.object({
  name: z.string().trim().min(1),
  /** Gets one email with only this approver's links. */
  email: z.email().optional(),
  /** Mentioned on the Teams card. */
  teamsUpn: z.email().optional(),
  approveUrl: linkUrlSchema,
  rejectUrl: linkUrlSchema,
});
export type ApproverLinks = z.infer<typeof approverLinksSchema>;

export const recentAlertSchema = z.object({
  /** From the monitoring system: untrusted text, shown literally and never as markup. */
  summary: z.string(),
  severity: severitySchema.optional(),
  condition: z.enum(['fired', 'resolved']),
  at: utcInstantSchema,
});
export type RecentAlert = z.infer<typeof recentAlertSchema>;

export const approvalRequestFactsSchema = z.object({
  ...workloadHeaderFields,
  severity: severitySchema.optional(),
  /** The RTO clock when the request is sent; `remainingSeconds` may be negative (already exceeded). */
  rto: z.object({
    targetSeconds: z.number().int().positive(),
    remainingSeconds: z.number().int(),
  }),
  /** Why the activation criteria matched, already in words. */
  reasons: z.array(z.string()),
  recentAlerts: z.array(recentAlertSchema),
  /** The approval round (`approvalInstanceId`). */
  round: z.number().int().positive(),
  /** Escalation level: 1 = the first approvers, 2 = the first escalation... */
  level: z.number().int().positive(),
  /** The roles asked at this level, e.g. `approver`, `deputy`. */
  levelRoles: z.array(z.string().min(1)),
  quorum: z.object({
    required: z.number().int().positive(),
    approvals: z.number().int().nonnegative(),
  }),
  /** When the request expires. */
  deadline: utcInstantSchema,
  /** `GET /api/incidents/{id}`, for operators. */
  statusUrl: linkUrlSchema.optional(),
  /** Everyone asked at this level, each with their own links. */
  approvers: z.array(approverLinksSchema).min(1),
  /** The secondary's readiness, checked when approval was asked, and the RPO exposure in words. */
  readiness: z
    .object({
      state: z.enum(['ready', 'degraded', 'not-ready', 'unknown']),
      reasons: z.array(z.string()),
      secondary: z.string().min(1),
      rpoExposure: z.object({ text: z.string().min(1), withinRpo: z.boolean() }).optional(),
    })
    .optional(),
  /** Why Lifeboat asks this level instead of activating automatically (the not-ready guard rail). */
  guardRail: z.string().min(1).optional(),
});
export type ApprovalRequestFacts = z.infer<typeof approvalRequestFactsSchema>;

export interface ApprovalRequestView extends WorkloadHeaderView, ApprovalSubjectView {
  readonly hasSeverity: boolean;
  readonly severity: string;
  /** `11m 20s of 15m left`. */
  readonly rtoBudgetText: string;
  readonly hasReasons: boolean;
  readonly reasons: readonly string[];
  readonly hasRecentAlerts: boolean;
  readonly recentAlerts: readonly RecentAlertView[];
  readonly round: number;
  readonly level: number;
  /** Level 2 and above: the first approvers did not reach a quorum in time. */
  readonly isEscalation: boolean;
  /** `level 1: approver, sre-lead`. */
  readonly levelText: string;
  /** `needs 2 approvals; 1 so far`. */
  readonly quorumText: string;
  readonly deadline: string;
  /** `2026-11-22 03:27:05 UTC`. */
  readonly deadlineText: string;
  readonly approvers: readonly ApproverView[];
  /** `msteams.entities` for the card: one per approver with a Teams UPN. */
  readonly mentions: readonly TeamsMention[];
  readonly hasReadiness: boolean;
  /** `North Europe: NOT READY`. */
  readonly readinessText: string;
  readonly isNotReady: boolean;
  readonly hasReadinessReasons: boolean;
  readonly readinessReasons: readonly string[];
  readonly hasRpoExposure: boolean;
  /** `North Europe is 42 s behind; RPO 5 m: within; failing over now may lose up to about 42 s of writes …`. */
  readonly rpoExposureText: string;
  readonly rpoExceeded: boolean;
  readonly hasGuardRail: boolean;
  readonly guardRail: string;
}

const READINESS_TITLES = {
  ready: 'READY',
  degraded: 'DEGRADED',
  'not-ready': 'NOT READY',
  unknown: 'UNKNOWN',
} as const;

export interface RecentAlertView {
  /** Untrusted text from the monitoring system. */
  readonly summary: string;
  /** `Sev1 fired at 2026-11-22 03:02:05 UTC`. */
  readonly details: string;
}

export interface ApproverView {
  readonly name: string;
  /** For the card's text: `<at>Alice</at>` when the approver can be mentioned, the name otherwise. */
  readonly nameOnCard: string;
  readonly approveTitle: string;
  readonly rejectTitle: string;
  readonly approveUrl: string;
  readonly rejectUrl: string;
}

/**
 * Alert summaries are cut to this many characters: they come from monitoring systems (a log query can
 * put a whole result set there), and Teams refuses messages over about 28 KB.
 */
export const ALERT_SUMMARY_MAX_CHARS = 300;

export function approvalRequestView(facts: ApprovalRequestFacts): ApprovalRequestView {
  const approvers = facts.approvers.map(approverView);
  return {
    ...workloadHeaderView(facts),
    ...approvalSubjectView(facts.round),
    hasSeverity: facts.severity !== undefined,
    severity: facts.severity ?? '',
    rtoBudgetText: describeRtoBudget(facts.rto),
    hasReasons: facts.reasons.length > 0,
    reasons: facts.reasons,
    hasRecentAlerts: facts.recentAlerts.length > 0,
    recentAlerts: facts.recentAlerts.map((alert) => ({
      summary: shorten(alert.summary, ALERT_SUMMARY_MAX_CHARS),
      details: [alert.severity, alert.condition, 'at', formatUtcInstant(alert.at)]
        .filter((part) => part !== undefined)
        .join(' '),
    })),
    round: facts.round,
    level: facts.level,
    isEscalation: facts.level > 1,
    levelText:
      facts.levelRoles.length > 0
        ? `level ${facts.level}: ${facts.levelRoles.join(', ')}`
        : `level ${facts.level}`,
    quorumText: describeQuorum(facts.quorum),
    deadline: facts.deadline,
    deadlineText: formatUtcInstant(facts.deadline),
    approvers,
    mentions: facts.approvers.flatMap((approver) =>
      approver.teamsUpn === undefined ? [] : [teamsMention(approver.name, approver.teamsUpn)],
    ),
    hasReadiness: facts.readiness !== undefined,
    readinessText: facts.readiness
      ? `${facts.readiness.secondary}: ${READINESS_TITLES[facts.readiness.state]}`
      : '',
    isNotReady: facts.readiness?.state === 'not-ready',
    hasReadinessReasons: (facts.readiness?.reasons.length ?? 0) > 0,
    readinessReasons: (facts.readiness?.reasons ?? []).map((r) => shorten(r, ALERT_SUMMARY_MAX_CHARS)),
    hasRpoExposure: facts.readiness?.rpoExposure !== undefined,
    rpoExposureText: facts.readiness?.rpoExposure?.text ?? '',
    rpoExceeded: facts.readiness?.rpoExposure?.withinRpo === false,
    hasGuardRail: facts.guardRail !== undefined,
    guardRail: facts.guardRail ?? '',
  };
}

/** The view of one approver's email: the shared facts plus `approver`, so only their links are in it. */
export function approvalRequestEmailView(
  view: ApprovalRequestView,
  approver: ApproverLinks,
): ApprovalRequestView & { readonly approver: ApproverView } {
  return { ...view, approver: approverView(approver) };
}

function approverView(approver: ApproverLinks): ApproverView {
  return {
    name: approver.name,
    nameOnCard:
      approver.teamsUpn === undefined ? approver.name : teamsMention(approver.name, approver.teamsUpn).text,
    approveTitle: `Approve as ${approver.name}`,
    rejectTitle: `Reject as ${approver.name}`,
    approveUrl: approver.approveUrl,
    rejectUrl: approver.rejectUrl,
  };
}

function describeQuorum(quorum: ApprovalRequestFacts['quorum']): string {
  const needs = `needs ${quorum.required} approval${quorum.required === 1 ? '' : 's'}`;
  return `${needs}; ${quorum.approvals === 0 ? 'none' : quorum.approvals} so far`;
}

/** `approval-request.orders-api-20261122-031205.r1.l2`: one per approval round and escalation level. */
export function approvalRequestNotificationId(incidentId: string, round: number, level: number): string {
  return `approval-request.${incidentId}.r${round}.l${level}`;
}

/** One email per approver with an address; a person listed twice (two roles) gets one, a second would repeat its Message-ID. */
function approverEmails(
  facts: ApprovalRequestFacts,
  view: ApprovalRequestView,
  templates: EmailTemplates,
): OutgoingEmail[] {
  const emails: OutgoingEmail[] = [];
  const mailed = new Set<string>();
  for (const approver of facts.approvers) {
    if (approver.email === undefined || mailed.has(approver.email.toLowerCase())) {
      continue;
    }
    mailed.add(approver.email.toLowerCase());
    emails.push({ to: approver.email, ...renderEmail(templates, approvalRequestEmailView(view, approver)) });
  }
  return emails;
}

export const approvalRequest: MessageKind<ApprovalRequestFacts, ApprovalRequestView> = defineMessageKind({
  kind: 'approval-request',
  title: 'Approval request',
  factsSchema: approvalRequestFactsSchema,
  view: approvalRequestView,
  notificationId: (facts) => approvalRequestNotificationId(facts.incidentId, facts.round, facts.level),
  emails: approverEmails,
  // Every link, for the outbox to print.
  links: (facts) =>
    facts.approvers.flatMap((approver): ApprovalLinkLine[] => [
      { approver: approver.name, decision: 'approve', url: approver.approveUrl },
      { approver: approver.name, decision: 'reject', url: approver.rejectUrl },
    ]),
});

/** Throws ValidationError for facts that do not fit `approvalRequestFactsSchema` (a non-http link...). */
export const buildApprovalRequestNotification: BuildNotification<ApprovalRequestFacts> =
  approvalRequest.build;

/** One approver's email, for facts already valid (previews and tests): every fact the card shows, and only this approver's links. */
export function renderApprovalRequestEmail(
  facts: ApprovalRequestFacts,
  approver: ApproverLinks,
  templates: MessageTemplates,
): RenderedEmail {
  return renderEmail(
    templates.approvalRequest,
    approvalRequestEmailView(approvalRequestView(facts), approver),
  );
}

/** The Teams card, for facts already valid (previews and tests). */
export function renderApprovalRequestCard(
  facts: ApprovalRequestFacts,
  templates: MessageTemplates,
): AdaptiveCard {
  return renderAdaptiveCard(templates.approvalRequest.card, approvalRequestView(facts));
}
