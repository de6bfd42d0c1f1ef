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

  it('aborts any open incident, and refuses to abort one that ended', () => {
    expect(planOperatorAction(pausedOn('operator', 'switch'), 'abort', 'oscar')).toEqual({ kind: 'abort' });
    const recovered = { ...failingOverIncident({ status: 'recovered' }), version: 9 };
    expect(planOperatorAction(recovered, 'abort', 'oscar')).toEqual({
      kind: 'conflict',
      reason: 'Incident is already recovered.',
    });
  });
});

describe('planOperatorAction for the follow-up phases', () => {
  const facts = { failbackRunbook: 'orders-api-failback' };
  const recovered = { ...failingOverIncident({ status: 'recovered', runbook }), version: 9 };
  const undoable = (id: string, status: IncidentStep['status'] = 'succeeded'): IncidentStep => ({
    ...step(id, status),
    rollback: { id: `${id}-undo`, name: `Undo ${id}` },
  });
  const ended = (status: 'failed' | 'aborted', steps: IncidentStep[]) => ({
    ...failingOverIncident({ status, runbook, steps }),
    version: 7,
  });

  it('starts a failback of a recovered incident whose workload has a failback runbook', () => {
    expect(planOperatorAction(recovered, 'failback', 'oscar', undefined, facts)).toEqual({
      kind: 'follow-up',
      phase: 'failback',
      repeat: false,
    });
  });

  it('refuses a failback without a failback runbook, saying so, and on an incident that did not recover', () => {
    expect(planOperatorAction(recovered, 'failback', 'oscar')).toEqual({
      kind: 'conflict',
      reason: expect.stringContaining('has no failback runbook (runbooks.failback'),
    });
    expect(planOperatorAction(running([]), 'failback', 'oscar', undefined, facts)).toEqual({
      kind: 'conflict',
      reason: 'failback applies to a recovered incident (incident is failing-over).',
    });
    expect(planOperatorAction(ended('failed', []), 'failback', 'oscar', undefined, facts)).toMatchObject({
      kind: 'conflict',
    });
  });

  it('admits a repeated request while the phase runs (idempotent), and refuses it once the phase ended', () => {
    const followUp = {
      phase: 'failback' as const,
      seq: 1,
      requestedBy: 'oscar',
      requestedAt: afterDetection(0),
    };
    const requested = { ...recovered, status: 'failback-requested' as const, followUp };
    expect(planOperatorAction(requested, 'failback', 'oscar', undefined, facts)).toEqual({
      kind: 'follow-up',
      phase: 'failback',
      repeat: true,
    });
    const done = {
      ...requested,
      status: 'failed-back' as const,
      followUp: { ...followUp, outcome: { status: 'failed-back' as const, reason: 'back' } },
    };
    expect(planOperatorAction(done, 'failback', 'oscar', undefined, facts)).toEqual({
      kind: 'conflict',
      reason: 'The failback has ended: incident is failed-back.',
    });
    expect(planOperatorAction(requested, 'rollback', 'oscar')).toMatchObject({ kind: 'conflict' });
  });

  it.each(['failed', 'aborted'] as const)(
    'rolls back a %s failover whose completed steps can be undone',
    (status) => {
      const incident = ended(status, [
        undoable('switch'),
        step('freeze', 'succeeded'),
        undoable('later', 'pending'),
      ]);
      expect(planOperatorAction(incident, 'rollback', 'oscar')).toEqual({
        kind: 'follow-up',
        phase: 'rollback',
        repeat: false,
      });
    },
  );

  it('refuses a rollback with nothing to undo, naming the completed steps that have no rollback', () => {
    expect(planOperatorAction(ended('failed', [step('freeze', 'succeeded')]), 'rollback', 'oscar')).toEqual({
      kind: 'conflict',
      reason:
        'Nothing to roll back: no completed step has a rollback; completed without a rollback, to undo by hand: freeze.',
    });
    expect(planOperatorAction(recovered, 'rollback', 'oscar')).toMatchObject({ kind: 'conflict' });
    const notActivated = { ...ended('failed', [undoable('switch')]), activatedAt: undefined };
    expect(planOperatorAction(notActivated, 'rollback', 'oscar')).toMatchObject({
      kind: 'conflict',
      reason: expect.stringContaining('no failover ran'),
    });
  });

  it('steers a failback runbook like a failover runbook', () => {
    const failingBack = {
      ...failingOverIncident({
        status: 'failing-back',
        runbook: { ...runbook, id: 'orders-api-failback', purpose: 'failback' },
        steps: [step('switch-back', 'waiting', 'manual')],
      }),
      version: 12,
    };
    expect(planOperatorAction(failingBack, 'pause', 'oscar')).toEqual({ kind: 'runbook', action: 'pause' });
    expect(planOperatorAction(failingBack, 'confirm-step', 'oscar')).toEqual({
      kind: 'runbook',
      action: 'confirm-step',
      stepId: 'switch-back',
    });
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
