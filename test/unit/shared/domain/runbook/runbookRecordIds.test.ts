// The numbers under which a runbook writes its records: revisions move forward per step, reservations of
// several leave no gap or overlap, and the entry ids the orchestration and the activities derive agree.
import {
  runbookEntryId,
  runbookEntryPrefix,
  stepEntryId,
  StepRevisions,
} from '../../../../../shared/domain/runbook/runbookRecordIds';

describe('StepRevisions', () => {
  it('numbers each step on its own, and a reservation of two is followed by the next free revision', () => {
    const revisions = new StepRevisions();
    expect(revisions.next('s1')).toBe(1);
    expect(revisions.reserve('s1', 2)).toBe(2); // the http attempt writes r2 and r3
    expect(revisions.next('s1')).toBe(4);
    expect(revisions.next('s2')).toBe(1);
  });
});

describe('runbook entry ids', () => {
  it('derive from the purpose, the step and the revision', () => {
    const prefix = runbookEntryPrefix('failover');
    expect(prefix).toBe('runbook-failover');
    expect(stepEntryId(prefix, 's1', 3)).toBe('runbook-failover-s1-r3');
    expect(runbookEntryId(prefix, 'pause', 2)).toBe('runbook-failover-pause-2');
  });
});
