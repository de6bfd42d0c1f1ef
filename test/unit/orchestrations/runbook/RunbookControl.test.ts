// What the runbook takes from the incident's control log at the start of an execution, and how it tells a
// control it already took from one it has not. Only `preload` and what it hands on are exercised here: they
// never touch the orchestration context (the waits are in RunbookControlWaits.test.ts).
import type * as df from 'durable-functions';
import { RunbookControl } from '../../../../orchestrations/runbook/RunbookControl';
import type { RecordedRunbookControl } from '../../../../shared/domain/incident/runbookControlLog';

const at = '2026-11-22T03:10:00.000Z';
const control = (
  seq: number,
  action: RecordedRunbookControl['action'],
  stepId?: string,
): RecordedRunbookControl => ({
  seq,
  purpose: 'failover',
  action,
  actor: 'oscar',
  at,
  ...(stepId ? { stepId } : {}),
});
/** preload never reaches the context; anything that did would throw here. */
const noContext = new Proxy({} as df.OrchestrationContext, {
  get: () => {
    throw new Error('preload must not touch the orchestration context');
  },
});

describe('RunbookControl.preload', () => {
  it('takes a pause recorded after the ones heard as if it had just arrived', () => {
    const runbook = new RunbookControl(noContext, undefined, { seen: 2 });
    expect(runbook.preload([control(3, 'pause')], 3)).toBeUndefined();
    expect(runbook.takePauseRequest()).toMatchObject({ action: 'pause', seq: 3, actor: 'oscar' });
    expect(runbook.heardSoFar()).toEqual({ seen: 3, above: [] });
  });

  it('keeps a control that fits nothing for the timeline, and a resume cancels a pause not yet taken', () => {
    const runbook = new RunbookControl(noContext);
    runbook.preload([control(1, 'confirm-step', 's25'), control(2, 'pause'), control(3, 'resume')], 3);
    expect(runbook.takePauseRequest()).toBeUndefined();
    expect(runbook.takeStrays()).toEqual([
      expect.objectContaining({ seq: 1, action: 'confirm-step', stepId: 's25' }),
    ]);
  });

  it('skips controls an earlier execution heard, also out of order, and hands on what it heard', () => {
    // Heard 1, 2 and 4 before: 3 is new, 4 is a repeat.
    const runbook = new RunbookControl(noContext, undefined, { seen: 2, above: [4] });
    runbook.preload([control(3, 'confirm-step', 's1'), control(4, 'confirm-step', 's2')], 4);
    expect(runbook.takeStrays().map((e) => e.seq)).toEqual([3]);
    expect(runbook.heardSoFar()).toEqual({ seen: 4, above: [] });
  });

  it('counts the log up to its last control as heard, those of another runbook included', () => {
    const runbook = new RunbookControl(noContext, undefined, { seen: 1, above: [5] });
    expect(runbook.preload([], 7)).toBeUndefined();
    expect(runbook.heardSoFar()).toEqual({ seen: 7, above: [] });
  });
});
