// How the runbook hears operators while it works, driven through a typed fake of the orchestration context
// (FakeControlContext, which keeps durable-functions' delivery rules): no event is lost whichever yield it
// arrives in, events are taken in the order they came, an abort stops what has not started, and waits take
// only what they are for.
import type * as df from 'durable-functions';
import { RunbookControl } from '../../../../orchestrations/runbook/RunbookControl';
import {
  RUNBOOK_CONTROL_EVENT,
  recordStepChangeActivity,
  runHttpStepActivity,
  type RunbookControlEvent,
} from '../../../../shared/domain/contracts/runbookContracts';
import { leafStepSchema } from '../../../../shared/domain/runbook/runbookStepSchema';
import { FakeControlContext } from './FakeControlContext';

const at = '2026-11-22T03:10:00.000Z';
let seq = 0;
const event = (action: RunbookControlEvent['action'], stepId?: string): RunbookControlEvent => ({
  action,
  actor: action === 'abort' ? 'ada' : 'oscar',
  at,
  ...(stepId ? { stepId } : {}),
  ...(action === 'abort' ? {} : { seq: ++seq }),
});
const recordInput = {
  incidentId: 'inc-1',
  stepId: 's1',
  revision: 1,
  at,
  change: { kind: 'waiting' as const, attempt: 1 },
  entry: { id: 'runbook-failover-s1-r1', type: 'step-waiting', message: 'waits' },
};
const httpStep = leafStepSchema.parse({
  id: 's2',
  name: 'Promote',
  type: 'http',
  request: { method: 'POST', url: 'http://target.test/promote' },
});
const httpInput = {
  incidentId: 'inc-1',
  step: httpStep,
  attempt: 1,
  round: 1,
  revision: 1,
  entryPrefix: 'runbook-failover',
};
const httpOk = { ok: true, retryable: false, summary: 'answered 200' };
const recorded = { applied: true };

function* sequence<T>(...parts: (() => Generator<df.Task, T, unknown>)[]): Generator<df.Task, T[], unknown> {
  const results: T[] = [];
  for (const part of parts) results.push(yield* part());
  return results;
}

beforeEach(() => {
  seq = 0;
});

describe('RunbookControl waits', () => {
  it('gives a wait the confirmation that arrived while the call before it ran', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(
      sequence<unknown>(
        () => control.call(recordStepChangeActivity, recordInput),
        () => control.awaitConfirmation('s1', new Date('2026-11-22T03:30:00.000Z')),
      ),
    );
    expect(fake.waitingOn()).toEqual(['activity', 'listener']);
    fake.raise(event('confirm-step', 's1')).complete('recordStepChange', recorded);
    expect(fake.returned?.value).toEqual([recorded, { kind: 'confirmed', actor: 'oscar' }]);
    expect(fake.liveTimers()).toEqual([]); // the wait never needed its timer
  });

  it('regression: hears an event that comes after an earlier race was won by its task (a stale listener takes it)', () => {
    // A call that ended first leaves its listener open; the library hands the next event to it, also
    // while the orchestration awaits something else. The control reads it back instead of losing it.
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(
      sequence<unknown>(
        () => control.call(recordStepChangeActivity, recordInput),
        () => control.call(recordStepChangeActivity, { ...recordInput, revision: 2 }),
        () => control.awaitConfirmation('s1', new Date('2026-11-22T03:30:00.000Z')),
      ),
    );
    fake.complete('recordStepChange', recorded); // first call ends: its listener stays open
    // Two events during the second call: the fresh listener wins the first, the stale one takes the next.
    fake.raise(event('pause')).raise(event('confirm-step', 's1'));
    fake.complete('recordStepChange', recorded);
    expect(fake.returned?.value).toEqual([recorded, recorded, { kind: 'confirmed', actor: 'oscar' }]);
    expect(control.takePauseRequest()).toMatchObject({ action: 'pause' });
  });

  it('after a call it raced ran on unheard, takes what the library kept before it schedules the next', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(
      sequence<unknown>(
        () => control.race(runHttpStepActivity, httpInput),
        () => control.race(runHttpStepActivity, { ...httpInput, attempt: 2 }),
      ),
    );
    // A pause wins the race while the call runs on; no other listener is open, so an abort now waits
    // in the library, unseen.
    fake.raise(event('pause'));
    expect(fake.waitingOn()).toEqual(['activity']);
    fake.raise(event('abort')).complete('runHttpStep', httpOk);
    // Before the next call, a listener (and a timer due at once) takes it: the call is not made.
    expect(fake.returned?.value).toEqual([
      { kind: 'done', result: httpOk },
      { kind: 'abort', actor: 'ada', reason: expect.any(String) },
    ]);
    expect(fake.activities('runHttpStep')).toHaveLength(1);
    expect(fake.liveTimers()).toEqual([]);
    expect(control.takePauseRequest()).toMatchObject({ action: 'pause' });
  });

  it('after a deaf wait, drains what the library kept and schedules the call when nothing came', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(
      sequence<unknown>(
        () => control.race(runHttpStepActivity, httpInput),
        () => control.race(runHttpStepActivity, { ...httpInput, attempt: 2 }),
      ),
    );
    fake.raise(event('pause')).complete('runHttpStep', httpOk);
    expect(fake.waitingOn()).toEqual(['timer', 'listener']);
    fake.fireTimer();
    expect(fake.activities('runHttpStep')).toHaveLength(2);
  });

  it('does not schedule a call once an abort was heard, and ends every later wait with it', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(
      sequence<unknown>(
        () => control.call(recordStepChangeActivity, recordInput),
        () => control.race(runHttpStepActivity, httpInput),
        () => control.sleepUntil(new Date('2026-11-22T03:30:00.000Z')),
      ),
    );
    fake.raise(event('abort')).complete('recordStepChange', recorded);
    const [, raced, slept] = fake.returned?.value as unknown[];
    expect(raced).toMatchObject({ kind: 'abort', actor: 'ada' });
    expect(slept).toMatchObject({ kind: 'abort', actor: 'ada' });
    expect(fake.activities('runHttpStep')).toEqual([]);
    expect(fake.liveTimers()).toEqual([]);
  });

  it('takes events in the order they came: a pause then a resume cancel out, a confirmation nobody waits for is a stray', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(
      sequence<unknown>(
        () => control.call(recordStepChangeActivity, recordInput),
        () => control.call(recordStepChangeActivity, { ...recordInput, revision: 2 }),
        () => control.call(recordStepChangeActivity, { ...recordInput, revision: 3 }),
      ),
    );
    fake.complete('recordStepChange', recorded).complete('recordStepChange', recorded);
    // Two stale listeners and a fresh one are open: the events fill them newest first.
    fake.raise(event('confirm-step', 's9')).raise(event('pause')).raise(event('resume'));
    fake.complete('recordStepChange', recorded);
    expect(control.takePauseRequest()).toBeUndefined();
    expect(control.takeStrays()).toEqual([expect.objectContaining({ action: 'confirm-step', stepId: 's9' })]);
  });

  it('cuts a sleep short on an abort and cancels its timer; other events do not end it', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(control.sleepUntil(new Date('2026-11-22T03:05:00.000Z')));
    fake.raise(event('confirm-step', 's1'));
    expect(fake.returned).toBeUndefined();
    expect(fake.liveTimers()).toHaveLength(1); // a fresh timer for the rest of the sleep
    fake.raise(event('abort'));
    expect(fake.returned?.value).toMatchObject({ kind: 'abort', actor: 'ada' });
    expect(fake.liveTimers()).toEqual([]);
    expect(control.takeStrays()).toEqual([expect.objectContaining({ action: 'confirm-step' })]);
  });

  it('ends a sleep when its timer fires', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(control.sleepUntil(new Date('2026-11-22T03:05:00.000Z')));
    fake.fireTimer();
    expect(fake.returned).toEqual({ value: undefined });
    expect(fake.df.currentUtcDateTime.toISOString()).toBe('2026-11-22T03:05:00.000Z');
  });

  it('times a confirmation out, and a confirmation of another step is a stray', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(control.awaitConfirmation('s1', new Date('2026-11-22T03:05:00.000Z')));
    fake.raise(event('confirm-step', 's0')).fireTimer();
    expect(fake.returned?.value).toEqual({ kind: 'timeout' });
    expect(control.takeStrays().map((e) => e.stepId)).toEqual(['s0']);
  });

  it('waits out a failed step: a second pause says nothing, a retry of another step is a stray, a retry of it decides', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(control.awaitOperator({ reason: 'step-failed', stepId: 's2' }));
    fake.raise(event('pause')).raise(event('retry-step', 's1'));
    expect(fake.returned).toBeUndefined();
    fake.raise({ ...event('skip-step', 's2'), comment: 'done by hand' });
    expect(fake.returned?.value).toEqual({ kind: 'skip', actor: 'oscar', comment: 'done by hand' });
    expect(control.takePauseRequest()).toBeUndefined();
    expect(control.takeStrays().map((e) => `${e.action} ${e.stepId}`)).toEqual(['retry-step s1']);
  });

  it('ignores a repeat of a control it took and anything else raised under the event name', () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(control.awaitOperator({ reason: 'operator' }));
    const resume = event('resume');
    fake.raise({ nonsense: true }).raise(resume);
    expect(fake.returned?.value).toEqual({ kind: 'resume', actor: 'oscar' });
    fake.start(control.awaitOperator({ reason: 'operator' }));
    fake.raise(resume); // the same seq again: a repeat
    expect(fake.returned).toBeUndefined();
    expect(
      fake.scheduled.filter((t) => t.kind === 'listener').every((t) => t.name === RUNBOOK_CONTROL_EVENT),
    ).toBe(true);
  });

  it("drops a branch's repeated end notice instead of recording it as an operator's ignored action", () => {
    const fake = new FakeControlContext();
    const control = new RunbookControl(fake);
    fake.start(control.sleepUntil(new Date('2026-11-22T03:05:00.000Z')));
    fake.raise({ action: 'branch-ended', actor: 'lifeboat', at, stepId: 'regions', branch: 0 });
    fake.raise(event('confirm-step', 's7')).fireTimer();
    expect(fake.returned).toEqual({ value: undefined });
    expect(control.takeStrays().map((e) => e.action)).toEqual(['confirm-step']);
  });
});
