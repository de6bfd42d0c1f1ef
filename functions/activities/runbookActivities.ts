// Activities of the runbook stage: start a runbook on the incident, make one attempt of an http step, probe
// health, record step changes and pauses, pass an abort on to the runbook instance. All are safe to run
// twice: step records only move forward by revision, timeline entries are idempotent by id, and targets
// dedupe http calls on the step's idempotency key.
import * as df from 'durable-functions';
import { container } from '../../shared/container';
import { findRunbook, findWorkload } from '../../shared/domain/catalog/Catalog';
import { recordTimelineActivity } from '../../shared/domain/contracts/incidentLifecycleContracts';
import {
  forwardRunbookControlActivity,
  loadRunbookStepsActivity,
  probeHealthActivity,
  recordStepChangeActivity,
  RUNBOOK_CONTROL_EVENT,
  runHttpStepActivity,
  setBranchStepPausedActivity,
  setRunbookPausedActivity,
  startRunbookActivity,
  STEPS_PER_EXECUTION,
} from '../../shared/domain/contracts/runbookContracts';
import type { Incident } from '../../shared/domain/incident/Incident';
import { pausedStepIds, type RunbookPurpose } from '../../shared/domain/incident/IncidentRunbook';
import { canTransition, isTerminal, runningStatusOf } from '../../shared/domain/incident/IncidentStatus';
import { controlsAfter } from '../../shared/domain/incident/runbookControlLog';
import { flattenSteps } from '../../shared/domain/runbook/parallelGroupSchema';
import { resolveHttpRequest } from '../../shared/domain/runbook/resolveHttpRequest';
import { rollbackPlan } from '../../shared/domain/runbook/rollbackPlan';
import { MAX_STEPS } from '../../shared/domain/runbook/Runbook';
import type { RunbookStep } from '../../shared/domain/runbook/runbookStepSchema';
import type { IncidentStore } from '../../shared/ports/IncidentStore';
import { runbookEntryPrefix, stepEntryId } from '../../shared/domain/runbook/runbookRecordIds';
import { stepIdempotencyKey } from '../../shared/domain/runbook/stepIdempotencyKey';
import { ConflictError, NonRetryableError } from '../../shared/errors';
import type { HttpStepOutcome } from '../../shared/ports/StepExecutor';
import { probeChecks } from './probeChecks';
import { raiseToInstance } from './raiseToInstance';
import { callStep } from './callStep';
import { recordStep } from './recordStep';
import { registerActivity } from './registerActivity';
import { finishAttempt, startAttempt } from './stepAttempt';

type ChosenRunbook =
  | {
      readonly found: true;
      readonly runbook: { readonly id: string; readonly name: string };
      readonly steps: readonly RunbookStep[];
      readonly undoes?: ReadonlyMap<string, string>;
    }
  | { readonly found: false; readonly reason: string };

/** The workload's failover or failback runbook from the catalog. */
function catalogRunbook(workloadId: string, purpose: 'failover' | 'failback'): ChosenRunbook {
  const catalog = container().catalog();
  const workload = findWorkload(catalog, workloadId);
  if (workload === undefined) {
    throw new NonRetryableError(`Workload '${workloadId}' is not in the catalog.`);
  }
  const runbookId = workload.runbooks[purpose];
  const runbook = runbookId === undefined ? undefined : findRunbook(catalog, runbookId);
  if (runbook === undefined) {
    return {
      found: false,
      reason:
        runbookId === undefined
          ? `workload ${workload.id} has no ${purpose} runbook (runbooks.${purpose} in its catalog file)`
          : `runbook ${runbookId} is not in the catalog`,
    };
  }
  return { found: true, runbook, steps: runbook.steps };
}

/** The rollback of the incident's failover: made from the plan the failover kept and how its steps ended. */
async function rollbackRunbook(store: IncidentStore, incidentId: string): Promise<ChosenRunbook> {
  const incident = await store.get(incidentId);
  if (incident === undefined) {
    throw new NonRetryableError(`No incident '${incidentId}'.`);
  }
  const failover = incident.earlierPhases?.find((p) => p.phase === 'failover');
  if (failover?.runbook === undefined) {
    return { found: false, reason: 'the failover ran no runbook: nothing to roll back' };
  }
  const plan = rollbackPlan(await store.runbookPlan(incidentId, 'failover', 0, MAX_STEPS), failover.steps);
  if (plan.steps.length === 0) {
    return { found: false, reason: 'no completed step of the failover has a rollback: nothing to roll back' };
  }
  return {
    found: true,
    runbook: { id: `${failover.runbook.id}-rollback`, name: `Rollback of ${failover.runbook.name}` },
    steps: plan.steps,
    undoes: plan.undoes,
  };
}

registerActivity(startRunbookActivity, async ({ incidentId, workloadId, purpose, at }) => {
  const store = container().incidentStore();
  const chosen =
    purpose === 'rollback' ? await rollbackRunbook(store, incidentId) : catalogRunbook(workloadId, purpose);
  if (!chosen.found) {
    return { found: false as const, reason: chosen.reason };
  }
  const { runbook, undoes } = chosen;
  // Kept once: a repeat of this activity after a catalog edit still gets the steps the runbook started with.
  const steps = await store.keepRunbookPlan(incidentId, purpose, chosen.steps);
  const started = await store.update(
    incidentId,
    (current) =>
      current.runbook?.id === runbook.id && current.runbook.purpose === purpose
        ? undefined // already started: keep the steps' progress
        : {
            ...current,
            runbook: { id: runbook.id, name: runbook.name, purpose },
            // A parallel group's steps follow it, each saying which branch it is in.
            steps: flattenSteps(steps).map(({ step, group }) => ({
              id: step.id,
              name: step.name,
              type: step.type,
              status: 'pending' as const,
              attempts: 0,
              revision: 0,
              ...(group ? { group } : {}),
              // Said from the start, so the incident shows what a rollback could undo before anyone asks.
              ...(step.type !== 'parallel' && step.rollback
                ? { rollback: { id: step.rollback.id, name: step.rollback.name } }
                : {}),
              ...(undoes?.has(step.id) ? { undoes: undoes.get(step.id) } : {}),
            })),
          },
    // In the same write (idempotent by id, so a repeat of this activity appends it once).
    () => [
      {
        id: `${runbookEntryPrefix(purpose)}-started`,
        at,
        type: 'runbook-started',
        message: `Runbook ${runbook.name} (${runbook.id}) started: ${steps.length} steps`,
      },
    ],
  );
  return {
    found: true as const,
    runbook: { id: runbook.id, name: runbook.name },
    steps: steps.slice(0, STEPS_PER_EXECUTION),
    stepCount: steps.length,
    ...recordedSince(started, purpose, 0),
  };
});

registerActivity(loadRunbookStepsActivity, async ({ incidentId, purpose, from, count, controlsSeen }) => {
  const store = container().incidentStore();
  const incident = await store.get(incidentId);
  if (incident === undefined) {
    throw new NonRetryableError(`No incident '${incidentId}'.`);
  }
  return {
    steps: await store.runbookPlan(incidentId, purpose, from, count),
    ...recordedSince(incident, purpose, controlsSeen ?? 0),
  };
});

/** What a fresh execution must take before its first step (see runbookControlLog.ts). */
function recordedSince(incident: Incident, purpose: RunbookPurpose, controlsSeen: number) {
  return {
    ...(incident.abortRequested ? { abortRequested: incident.abortRequested } : {}),
    controls: controlsAfter(incident.controls, purpose, controlsSeen),
    controlsLast: incident.controls?.last ?? 0,
  };
}

registerActivity(runHttpStepActivity, async (input) => {
  const { incidentId, step, attempt, round } = input;
  if (step.type !== 'http') {
    throw new NonRetryableError(`Step '${step.id}' is a ${step.type} step, not an http step.`);
  }
  const c = container();
  const refused = await startAttempt(c, input);
  if (refused !== undefined) return refused;
  const resolved = resolveHttpRequest(
    step,
    stepIdempotencyKey(incidentId, step.id, round, input.purpose),
    (name) => c.secret(name),
  );
  const outcome: HttpStepOutcome = resolved.ok
    ? await callStep(incidentId, step.id, attempt, () => c.stepExecutor().execute(resolved.request))
    : { kind: 'failed', retryable: false, reason: resolved.reason, latencyMs: 0 };
  return finishAttempt(
    c,
    input,
    outcome.kind === 'succeeded'
      ? { kind: 'succeeded', detail: `answered ${outcome.status} in ${outcome.latencyMs} ms` }
      : outcome,
  );
});

registerActivity(probeHealthActivity, async (input) => {
  const c = container();
  const workload = findWorkload(c.catalog(), input.workloadId);
  if (workload === undefined) {
    throw new NonRetryableError(`Workload '${input.workloadId}' is not in the catalog.`);
  }
  const round = await probeChecks(c, workload, input);
  const at = c.now().toISOString();
  const passes = round.ok ? input.passesBefore + 1 : 0;
  const detail = `probe round ${input.round}: ${passes} of ${input.passesRequired} passes in a row; ${round.summary}`;
  const store = c.incidentStore();
  if (input.record.kind === 'step') {
    const { stepId, revision, entryPrefix } = input.record;
    await recordStep(
      store,
      input.incidentId,
      {
        stepId,
        revision,
        at,
        change: {
          kind: 'progress',
          attempt: input.round,
          detail,
          ...(round.ok ? {} : { error: round.summary }),
        },
      },
      {
        id: stepEntryId(entryPrefix, stepId, revision),
        type: 'health-probe',
        message: `Step ${stepId} ${detail}`,
      },
    );
  } else {
    await store.appendTimeline(input.incidentId, [
      {
        id: input.record.entryId,
        at,
        type: 'health-probe',
        message: `${input.record.label ?? 'Validation'} ${detail}`,
      },
    ]);
  }
  return round;
});

registerActivity(recordStepChangeActivity, async ({ incidentId, stepId, revision, at, change, entry }) => {
  const { applied } = await recordStep(
    container().incidentStore(),
    incidentId,
    { stepId, revision, at, change },
    entry,
  );
  return { applied };
});

registerActivity(setRunbookPausedActivity, async ({ incidentId, at, paused, entry }) => {
  const store = container().incidentStore();
  const updated = await store.update(
    incidentId,
    (current) => {
      // A paused runbook resumes into the status of its own direction.
      const to = paused === null ? runningStatusOf(current.runbook?.purpose ?? 'failover') : 'paused';
      if (isTerminal(current.status)) {
        return undefined; // aborted meanwhile: the runbook hears of it next
      }
      if (current.status !== to && !canTransition(current.status, to)) {
        throw new ConflictError(
          `Incident '${incidentId}' cannot move from ${current.status} to ${to}.`,
          current,
        );
      }
      const runbook = current.runbook === undefined ? undefined : { ...current.runbook };
      if (runbook) {
        if (paused === null) delete runbook.paused;
        else runbook.paused = paused;
      }
      return { ...current, status: to, ...(runbook ? { runbook } : {}) };
    },
    () => [
      {
        id: entry.id,
        at,
        type: entry.type,
        message: entry.message,
        ...(entry.actor ? { actor: entry.actor } : {}),
      },
    ],
  );
  return { status: updated.status };
});

registerActivity(setBranchStepPausedActivity, async ({ incidentId, at, stepId, paused, entry }) => {
  const store = container().incidentStore();
  const updated = await store.update(
    incidentId,
    (current) => {
      if (isTerminal(current.status) || current.runbook === undefined) {
        return undefined; // aborted meanwhile: the branch hears of it next
      }
      const waiting = pausedStepIds(current.runbook.paused).filter((id) => id !== stepId);
      if (paused) waiting.push(stepId);
      const runbook = { ...current.runbook };
      const [first] = waiting;
      if (first === undefined) delete runbook.paused;
      else
        runbook.paused = {
          reason: 'step-failed',
          stepId: first,
          steps: waiting,
          at: runbook.paused?.at ?? at,
        };
      const to = first === undefined ? runningStatusOf(current.runbook.purpose) : 'paused';
      if (current.status !== to && !canTransition(current.status, to)) {
        throw new ConflictError(
          `Incident '${incidentId}' cannot move from ${current.status} to ${to}.`,
          current,
        );
      }
      return { ...current, status: to, runbook };
    },
    () => [
      {
        id: entry.id,
        at,
        type: entry.type,
        message: entry.message,
        ...(entry.actor ? { actor: entry.actor } : {}),
      },
    ],
  );
  return { status: updated.status };
});

registerActivity(recordTimelineActivity, async ({ incidentId, entry }) => {
  await container().incidentStore().appendTimeline(incidentId, [entry]);
  return { recorded: true };
});

registerActivity(
  forwardRunbookControlActivity,
  async ({ instanceId, event }, context) => ({
    delivered: await raiseToInstance(context, instanceId, RUNBOOK_CONTROL_EVENT, event),
  }),
  { extraInputs: [df.input.durableClient()] },
);
