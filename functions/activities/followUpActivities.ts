// Activities of a follow-up phase (failback, rollback): open it from what the actions API recorded. Safe to run
// twice: it only reads.
import { container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import { compileFailbackPolicy } from '../../shared/domain/catalog/compileFailbackPolicy';
import { validationPlan } from '../../shared/domain/catalog/validationPlan';
import { openFollowUpActivity } from '../../shared/domain/contracts/followUpContracts';
import { NonRetryableError } from '../../shared/errors';
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
    },
  };
});
