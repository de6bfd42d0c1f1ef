// The approval request's facts in words, once, for every template (email and card): templates only
// place text, they never compute it, so the card and the email cannot disagree.
import { workloadHeaderView, type WorkloadHeaderView } from './workloadHeaderView';
import type { ApprovalRequestFacts, ApproverLinks } from './ApprovalRequestFacts';
import { describeRtoBudget } from './describeRtoBudget';
import { formatUtcInstant } from './formatUtcInstant';
import { teamsMention, type TeamsMention } from './teamsMention';
import { shorten } from './shorten';

/**
 * Every field is defined (strings, numbers, booleans, arrays): adaptivecards-templating prints a missing
 * field as `${field}`. Optional facts come with a `has…` flag for `{{#has…}}` and `$when`.
 */
export interface ApprovalRequestView extends WorkloadHeaderView {
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
}

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
