// What an approval round decides, in the words its messages use: round 1 is the failover (the DR activation),
// later rounds a failback (shared/domain/contracts/approvalContracts.ts), so every message says which
// direction it is about.
const FIRST_ROUND = 1;

export interface ApprovalSubjectView {
  readonly isFailback: boolean;
  /** For subjects and titles: `DR activation`, `Failback`. */
  readonly subjectTitle: string;
  /** In a sentence: `DR activation (failover)`, `failback to the primary region`. */
  readonly subjectText: string;
  /** What goes ahead once approved: `failover`, `failback`. */
  readonly direction: string;
}

export function approvalSubjectView(round: number): ApprovalSubjectView {
  const isFailback = round > FIRST_ROUND;
  return isFailback
    ? {
        isFailback,
        subjectTitle: 'Failback',
        subjectText: 'failback to the primary region',
        direction: 'failback',
      }
    : {
        isFailback,
        subjectTitle: 'DR activation',
        subjectText: 'DR activation (failover)',
        direction: 'failover',
      };
}
