import type { IncidentStep } from '../../../../../shared/domain/incident/IncidentStep';
import { planOperatorAction } from '../../../../../shared/domain/incident/operatorActions';
import { afterDetection, failingOverIncident, SECOND } from './incidentTestSupport';

const step = (
  id: string,
  status: IncidentStep['status'],
  type: IncidentStep['type'] = 'http',
): IncidentStep => ({
  id,
  name: id,
  type,
  status,
  attempts: status === 'pending' ? 0 : 1,
  revision: 1,
});
const runbook = { id: 'orders-api-failover', name: 'Failover', purpose: 'failover' as const };

const running = (steps: IncidentStep[]) => ({ ...failingOverIncident({ runbook, steps }), version: 3 });
const pausedOn = (reason: 'step-failed' | 'operator', stepId: string) => ({
  ...failingOverIncident({
    status: 'paused',
    runbook: { ...runbook, paused: { reason, stepId, actor: 'oscar', at: afterDetection(400 * SECOND) } },
    steps: [step('freeze', reason === 'step-failed' ? 'failed' : 'succeeded'), step('switch', 'pending')],
  }),
  version: 4,
});

describe('planOperatorAction for the runbook', () => {
  it('confirms the step that waits, whether or not the body names it, and refuses another step', () => {
    const incident = running([step('switch', 'succeeded'), step('smoke', 'waiting', 'manual')]);
    expect(planOperatorAction(incident, 'confirm-step', 'oscar')).toEqual({
      kind: 'runbook',
      action: 'confirm-step',
      stepId: 'smoke',
    });
    expect(planOperatorAction(incident, 'confirm-step', 'oscar', 'smoke')).toMatchObject({ kind: 'runbook' });
    expect(planOperatorAction(incident, 'confirm-step', 'oscar', 'switch')).toEqual({
      kind: 'conflict',
      reason: 'Step switch is not the step this action applies to now (smoke is).',
    });
    expect(planOperatorAction(running([step('switch', 'running')]), 'confirm-step', 'oscar')).toMatchObject({
      kind: 'conflict',
      reason: expect.stringMatching(/No step is waiting/),
    });
  });

  it('retries or skips only the failed step the runbook paused on', () => {
    const paused = pausedOn('step-failed', 'freeze');
    expect(planOperatorAction(paused, 'retry-step', 'oscar')).toEqual({
      kind: 'runbook',
      action: 'retry-step',
      stepId: 'freeze',
    });
    expect(planOperatorAction(paused, 'skip-step', 'oscar', 'freeze')).toMatchObject({ kind: 'runbook' });
    expect(planOperatorAction(paused, 'skip-step', 'oscar', 'switch')).toMatchObject({ kind: 'conflict' });
    expect(planOperatorAction(paused, 'resume', 'oscar')).toEqual({
      kind: 'conflict',
      reason: 'The runbook is paused on a failed step: use retry-step or skip-step.',
    });
    expect(planOperatorAction(running([step('freeze', 'running')]), 'retry-step', 'oscar')).toMatchObject({
      kind: 'conflict',
    });
  });

  it("pauses a running runbook, and resumes only an operator's pause", () => {
    expect(planOperatorAction(running([step('freeze', 'running')]), 'pause', 'oscar')).toEqual({
      kind: 'runbook',
      action: 'pause',
    });
    expect(
      planOperatorAction({ ...failingOverIncident(), version: 2 }, 'pause', 'oscar'), // no runbook record yet
    ).toEqual({ kind: 'conflict', reason: 'The runbook has not started yet; try again in a moment.' });
    const paused = pausedOn('operator', 'switch');
    expect(planOperatorAction(paused, 'resume', 'oscar')).toEqual({ kind: 'runbook', action: 'resume' });
    expect(planOperatorAction(paused, 'retry-step', 'oscar')).toMatchObject({
      kind: 'conflict',
      reason: expect.stringMatching(/use resume/),
    });
    expect(planOperatorAction(paused, 'pause', 'oscar')).toMatchObject({ kind: 'conflict' });
  });

  it('aborts any open incident, and says failback is not available yet once recovered', () => {
    expect(planOperatorAction(pausedOn('operator', 'switch'), 'abort', 'oscar')).toEqual({ kind: 'abort' });
    const recovered = { ...failingOverIncident({ status: 'recovered' }), version: 9 };
    expect(planOperatorAction(recovered, 'abort', 'oscar')).toEqual({
      kind: 'conflict',
      reason: 'Incident is already recovered.',
    });
    expect(planOperatorAction(recovered, 'failback', 'oscar')).toMatchObject({ kind: 'unavailable' });
    expect(planOperatorAction(running([]), 'failback', 'oscar')).toMatchObject({ kind: 'conflict' });
  });
});

describe('planOperatorAction for approval', () => {
  it('says the approval is on its way when the incident awaits approval before the gate recorded it', () => {
    const justActivated = {
      ...failingOverIncident({ status: 'awaiting-approval', approval: undefined }),
      version: 2,
    };
    expect(planOperatorAction(justActivated, 'approve', 'alice')).toEqual({
      kind: 'conflict',
      reason: 'The approval is being requested; try again in a moment.',
    });
  });
});

describe('planOperatorAction inside parallel branches', () => {
  const inBranch = (id: string, status: IncidentStep['status'], branch: number): IncidentStep => ({
    ...step(id, status, 'manual'),
    group: { id: 'regions', branch, branchName: `branch-${branch}` },
  });

  it('asks which step when several wait for confirmation, and confirms the one named', () => {
    const incident = running([inBranch('look-db', 'waiting', 0), inBranch('look-web', 'waiting', 1)]);
    expect(planOperatorAction(incident, 'confirm-step', 'oscar')).toEqual({
      kind: 'conflict',
      reason: 'Steps look-db, look-web are all waiting for confirm-step: name one (stepId).',
    });
    expect(planOperatorAction(incident, 'confirm-step', 'oscar', 'look-web')).toEqual({
      kind: 'runbook',
      action: 'confirm-step',
      stepId: 'look-web',
    });
  });

  it('retries any of the failed branch steps the runbook is paused on, and confirms a step of a branch still running', () => {
    const incident = {
      ...failingOverIncident({
        status: 'paused',
        runbook: {
          ...runbook,
          paused: {
            reason: 'step-failed',
            stepId: 'db',
            steps: ['db', 'cache'],
            at: afterDetection(400 * SECOND),
          },
        },
        steps: [inBranch('db', 'failed', 0), inBranch('cache', 'failed', 1), inBranch('look', 'waiting', 2)],
      }),
      version: 4,
    };
    expect(planOperatorAction(incident, 'retry-step', 'oscar', 'cache')).toEqual({
      kind: 'runbook',
      action: 'retry-step',
      stepId: 'cache',
    });
    expect(planOperatorAction(incident, 'skip-step', 'oscar', 'look')).toMatchObject({
      kind: 'conflict',
      reason: expect.stringMatching(/db, cache are/),
    });
    expect(planOperatorAction(incident, 'confirm-step', 'oscar')).toEqual({
      kind: 'runbook',
      action: 'confirm-step',
      stepId: 'look',
    });
  });
});
