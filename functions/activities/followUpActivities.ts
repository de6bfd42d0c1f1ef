// Activities of a follow-up phase (failback, rollback): open it from what the actions API recorded (safe to run
// twice: it only reads), and start a round-trip drill's failback (safe to run twice: a recorded request is
// kept and a started phase is not started again).
import * as df from 'durable-functions';
import { container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import { compileFailbackPolicy } from '../../shared/domain/catalog/compileFailbackPolicy';
import { validationPlan } from '../../shared/domain/catalog/validationPlan';
import {
  openFollowUpActivity,
  startDrillFailbackActivity,
} from '../../shared/domain/contracts/followUpContracts';
import { ConflictError, NonRetryableError } from '../../shared/errors';
import { startFailback } from '../actions/startFollowUpPhase';
import { registerActivity } from './registerActivity';

registerActivity(openFollowUpActivity, async ({ incidentId, phase }) => {
  const c = container();
  const incident = await c.incidentStore().get(incidentId);
  if (incident === undefined) {
    throw new NonRetryableError(`No incident '${incidentId}'.`);
  }
  if (incident.followUp?.phase !== phase) {
    throw new NonRetryableError(
      `Incident '${incidentId}' has no ${phase} recorded (it is ${incident.status}): the actions API records it before starting the phase.`,
    );
  }
  const base = {
    status: incident.status,
    ...(incident.abortRequested ? { abortRequested: incident.abortRequested } : {}),
    ...(incident.drill ? { drill: incident.drill.kind } : {}),
  };
  if (phase !== 'failback') return base;
  const workload = findWorkload(c.catalog(), incident.workloadId);
  if (workload === undefined) {
    throw new NonRetryableError(`Workload '${incident.workloadId}' is not in the catalog.`);
  }
  // Fixed in history for the life of the failback: a catalog change never alters one halfway.
  const policy = compileFailbackPolicy(workload);
  const validation = validationPlan(workload, 'primary');
  return {
    ...base,
    failback: {
      primaryRegion: workload.regions.primary,
      secondaryRegion: workload.regions.secondary,
      readiness: {
        checks: policy.readiness.checks,
        passesRequired: policy.readiness.consecutivePasses,
        intervalSeconds: policy.readiness.intervalSeconds,
        deadlineSeconds: policy.readiness.deadlineSeconds,
        timeoutSeconds: policy.readiness.timeoutSeconds,
      },
      approval: {
        approverRoles: [...policy.approverRoles],
        quorum: policy.quorum,
        timeoutSeconds: policy.approvalTimeoutSeconds,
      },
      validation: {
        checks: validation.checks,
        passesRequired: validation.passesRequired,
        intervalSeconds: validation.intervalSeconds,
        deadlineSeconds: validation.deadlineSeconds,
        timeoutSeconds: validation.timeoutSeconds,
      },
      // A drill's failback follows the drill policy: a workload may let its drills skip approval.
      ...(incident.drill && workload.drills.approval === 'skip' ? { skipApproval: true as const } : {}),
    },
  };
});

registerActivity(
  startDrillFailbackActivity,
  async ({ incidentId, at }, context) => {
    try {
      const started = await startFailback(context, {
        incidentId,
        actor: 'lifeboat',
        at,
        comment: 'the round-trip drill fails back once its failover recovered',
      });
      return { kind: 'started' as const, instanceId: started.instanceId };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Said on the timeline, once: the drill ends recovered, without its round trip.
      await container()
        .incidentStore()
        .appendTimeline(incidentId, [
          {
            id: 'drill-failback-refused',
            at,
            type: 'drill-failback-refused',
            message: `The round-trip drill could not fail back: ${err.message}`,
          },
        ]);
      return { kind: 'refused' as const, reason: err.message };
    }
  },
  { extraInputs: [df.input.durableClient()] },
);
