import type { IncidentStep } from '../../../../../shared/domain/incident/IncidentStep';
import { applyStepChange } from '../../../../../shared/domain/incident/stepChange';

const T0 = '2026-11-22T03:20:00.000Z';
const T1 = '2026-11-22T03:20:05.000Z';
const T2 = '2026-11-22T03:20:09.000Z';

const pending = (changes: Partial<IncidentStep> = {}): IncidentStep => ({
  id: 'switch',
  name: 'Switch traffic',
  type: 'http',
  status: 'pending',
  attempts: 0,
  revision: 0,
  ...changes,
});

function apply(
  step: IncidentStep,
  revision: number,
  at: string,
  change: Parameters<typeof applyStepChange>[3],
) {
  const next = applyStepChange(step, revision, at, change);
  if (next === undefined) throw new Error('expected the change to apply');
  return next;
}

describe('applyStepChange', () => {
  it('walks a step through a failed attempt, a retry and success, keeping when it started', () => {
    let step = apply(pending(), 1, T0, { kind: 'started', attempt: 1 });
    expect(step).toMatchObject({ status: 'running', attempts: 1, startedAt: T0, revision: 1 });
    step = apply(step, 2, T1, { kind: 'progress', attempt: 1, detail: 'attempt 1 failed', error: '503' });
    expect(step).toMatchObject({ status: 'running', error: '503', detail: 'attempt 1 failed' });
    step = apply(step, 3, T1, { kind: 'started', attempt: 2 });
    step = apply(step, 4, T2, { kind: 'succeeded', detail: 'answered 200 in 4 ms' });
    expect(step).toEqual({
      ...pending(),
      status: 'succeeded',
      attempts: 2,
      startedAt: T0,
      endedAt: T2,
      detail: 'answered 200 in 4 ms',
      revision: 4,
    });
  });

  it('ignores a repeated or late change (its revision is not newer), so a step never moves backwards', () => {
    const done = apply(pending({ status: 'running', attempts: 1, startedAt: T0, revision: 1 }), 2, T1, {
      kind: 'succeeded',
    });
    expect(applyStepChange(done, 2, T2, { kind: 'succeeded' })).toBeUndefined();
    expect(applyStepChange(done, 1, T2, { kind: 'started', attempt: 1 })).toBeUndefined();
  });

  it('records a final failure, an operator retry (pending again, no end) and a skip with who did it', () => {
    let step = apply(pending({ status: 'running', attempts: 2, startedAt: T0, revision: 3 }), 4, T1, {
      kind: 'failed',
      error: 'answered 503',
    });
    expect(step).toMatchObject({ status: 'failed', endedAt: T1, error: 'answered 503' });
    step = apply(step, 5, T2, { kind: 'retry-requested', actor: 'oscar' });
    expect(step).toMatchObject({ status: 'pending', actor: 'oscar', error: 'answered 503' });
    expect(step.endedAt).toBeUndefined();
    step = apply(step, 6, T2, { kind: 'skipped', actor: 'vera' });
    expect(step).toMatchObject({ status: 'skipped', actor: 'vera', endedAt: T2 });
  });

  it('marks a manual step waiting, and a confirmation succeeds it with the operator', () => {
    const waiting = apply(pending({ type: 'manual' }), 1, T0, { kind: 'waiting', attempt: 1 });
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 1, startedAt: T0 });
    const confirmed = apply(waiting, 2, T1, {
      kind: 'succeeded',
      actor: 'oscar',
      detail: 'confirmed by oscar',
    });
    expect(confirmed).toMatchObject({ status: 'succeeded', actor: 'oscar', endedAt: T1 });
  });
});
