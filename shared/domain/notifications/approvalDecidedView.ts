// The outcome of an approval round in words, for the "decided" email and card.
import type { ApprovalOutcome } from '../contracts/approvalContracts';
import type { ApprovalDecidedFacts } from './ApprovalDecidedFacts';

/** Every field defined, for the same reason as ApprovalRequestView. */
export interface ApprovalDecidedView {
  readonly incidentId: string;
  readonly workloadName: string;
  readonly outcome: ApprovalOutcome['outcome'];
  /** `Approved`, `Rejected`, `Expired`, `Approved by policy`, `Cancelled`: for subjects and titles. */
  readonly outcomeTitle: string;
  /** `approved by Alice Example`, `approved automatically by the workload's policy`... */
  readonly outcomeText: string;
  /** True when failover goes ahead. */
  readonly proceeds: boolean;
  readonly reason: string;
  readonly hasReason: boolean;
  readonly hasDecidedBy: boolean;
  readonly decidedBy: string;
  readonly hasStatusUrl: boolean;
  readonly statusUrl: string;
}

export function approvalDecidedView(facts: ApprovalDecidedFacts): ApprovalDecidedView {
  const by = facts.decidedBy === undefined ? '' : ` by ${facts.decidedBy}`;
  const wording = OUTCOME_WORDING[facts.outcome];
  return {
    incidentId: facts.incidentId,
    workloadName: facts.workloadName,
    outcome: facts.outcome,
    outcomeTitle: wording.title,
    outcomeText: wording.text(by),
    proceeds: facts.outcome === 'approved' || facts.outcome === 'auto-approved',
    reason: facts.reason,
    hasReason: facts.reason.trim() !== '',
    hasDecidedBy: facts.decidedBy !== undefined,
    decidedBy: facts.decidedBy ?? '',
    hasStatusUrl: facts.statusUrl !== undefined,
    statusUrl: facts.statusUrl ?? '',
  };
}

const OUTCOME_WORDING: Readonly<
  Record<ApprovalOutcome['outcome'], { readonly title: string; readonly text: (by: string) => string }>
> = {
  approved: { title: 'Approved', text: (by) => `approved${by}` },
  rejected: { title: 'Rejected', text: (by) => `rejected${by}` },
  expired: { title: 'Expired', text: () => 'not decided before the deadline' },
  'auto-approved': {
    title: 'Approved by policy',
    text: () => "approved automatically by the workload's policy",
  },
  cancelled: { title: 'Cancelled', text: (by) => `cancelled${by}` },
};
