import { currentStepId } from '../../../../../shared/domain/incident/IncidentRunbook';

const at = '2026-11-22T03:20:00.000Z';
const steps = (...statuses: string[]) => statuses.map((status, i) => ({ id: `s${i + 1}`, status }));

describe('currentStepId', () => {
  it('is the step running or waiting for confirmation', () => {
    expect(currentStepId({}, steps('succeeded', 'running', 'pending'))).toBe('s2');
    expect(currentStepId({}, steps('succeeded', 'waiting'))).toBe('s2');
  });

  it('is the failed step the runbook is paused on, and none for a pause between steps or after the last', () => {
    expect(
      currentStepId(
        { paused: { reason: 'step-failed', stepId: 's2', at } },
        steps('succeeded', 'failed', 'pending'),
      ),
    ).toBe('s2');
    expect(
      currentStepId(
        { paused: { reason: 'operator', stepId: 's2', actor: 'oscar', at } },
        steps('succeeded', 'pending'),
      ),
    ).toBeUndefined();
    expect(currentStepId({}, steps('succeeded', 'skipped'))).toBeUndefined();
  });
});
