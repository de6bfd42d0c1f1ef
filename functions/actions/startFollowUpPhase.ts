// Starts a follow-up phase of a finished incident (failback, rollback): records the request on the incident
// first (shared/domain/incident/followUp.ts), then starts the phase's orchestration under its deterministic
// instance id. Repeating it is safe: a recorded request is kept, and an instance that exists is not started
// again (host.json lets a start replace a finished instance, so it is checked first).
// Other code may call it directly (e.g. a drill that rehearses the round trip): `startFailback`.
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import { FOLLOW_UP_ORCHESTRATION, type FollowUpInput } from '../../shared/domain/contracts/followUpContracts';
import {
  followUpInstanceId,
  followUpRequestedEntry,
  withFollowUpRequested,
  type FollowUpRecording,
} from '../../shared/domain/incident/followUp';
import type { Incident } from '../../shared/domain/incident/Incident';
import { FOLLOW_UP_START, type FollowUpPhase } from '../../shared/domain/incident/IncidentStatus';
import { ConflictError, errorMessage, NotFoundError } from '../../shared/errors';
import { durableInstanceApi } from '../durable/durableInstanceApi';

export interface FollowUpStart {
  readonly incidentId: string;
  readonly phase: FollowUpPhase;
  /** Who asked: an operator's name, or what started it (e.g. a drill). */
  readonly actor: string;
  readonly at: string;
  readonly comment?: string;
}

export interface StartedFollowUp {
  readonly incident: Incident;
  readonly instanceId: string;
  /** False when the request had been recorded and its orchestration started before (a repeat). */
  readonly started: boolean;
}

/**
 * Needs a durableClient input on the invocation. A ConflictError when the incident's state does not admit the
 * phase (with the reason), a NotFoundError for an unknown incident.
 */
export async function startFollowUpPhase(
  context: InvocationContext,
  request: FollowUpStart,
): Promise<StartedFollowUp> {
  const store = container().incidentStore();
  const existing = await store.get(request.incidentId);
  if (existing === undefined) {
    throw new NotFoundError(`No incident '${request.incidentId}'.`);
  }
  if (request.phase === 'failback') {
    const workload = findWorkload(container().catalog(), existing.workloadId);
    if (workload?.runbooks.failback === undefined) {
      throw new ConflictError(
        `Workload ${existing.workloadId} has no failback runbook (runbooks.failback in its catalog file).`,
        existing,
      );
    }
  }
  let recording: FollowUpRecording | undefined;
  const incident = await store.update(
    request.incidentId,
    (current) => {
      recording = withFollowUpRequested(current, request);
      if (recording.kind === 'refused') throw new ConflictError(recording.reason, current);
      return recording.kind === 'recorded' ? recording.incident : undefined;
    },
    (_updated, changed) =>
      changed ? [followUpRequestedEntry(request, FOLLOW_UP_START[request.phase].to)] : [],
  );
  const seq = incident.followUp?.seq;
  if (seq === undefined) {
    throw new Error(`The ${request.phase} of incident '${request.incidentId}' was not recorded.`);
  }
  const instanceId = followUpInstanceId(incident.id, request.phase, seq);
  const input: FollowUpInput = {
    incidentId: incident.id,
    workloadId: incident.workloadId,
    phase: request.phase,
    seq,
  };
  const instances = durableInstanceApi(context);
  if ((await instances.runtimeStatus(instanceId)) !== undefined) {
    return { incident, instanceId, started: false };
  }
  try {
    await df.getClient(context).startNew(FOLLOW_UP_ORCHESTRATION, { instanceId, input });
  } catch (err) {
    // A concurrent repeat started it between the check and the start; anything else is a real failure.
    if ((await instances.runtimeStatus(instanceId)) === undefined) {
      throw new Error(
        `Could not start the ${request.phase} orchestration '${instanceId}': ${errorMessage(err)}`,
        {
          cause: err,
        },
      );
    }
    return { incident, instanceId, started: false };
  }
  return { incident, instanceId, started: true };
}

/** The failback of a recovered incident, for callers other than the actions API (a drill's round trip). */
export function startFailback(
  context: InvocationContext,
  request: Omit<FollowUpStart, 'phase'>,
): Promise<StartedFollowUp> {
  return startFollowUpPhase(context, { ...request, phase: 'failback' });
}
