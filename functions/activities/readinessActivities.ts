// The approval gate's fresh readiness check (assessReadinessActivity). Evaluating reads targets and
// changes none; recording it twice (a retried activity) records two evaluations, which is harmless.
import { container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import {
  assessReadinessActivity,
  type ReadinessSnapshot,
} from '../../shared/domain/contracts/readinessContracts';
import { readinessView } from '../../shared/domain/readiness/readinessView';
import { regionDisplayName } from '../../shared/domain/readiness/rpoExposure';
import { errorMessage, NonRetryableError } from '../../shared/errors';
import { registerActivity } from './registerActivity';

registerActivity(assessReadinessActivity, async ({ incidentId }): Promise<ReadinessSnapshot> => {
  const c = container();
  const incident = await c.incidentStore().get(incidentId);
  if (incident === undefined) throw new NonRetryableError(`No incident '${incidentId}'.`);
  const workload = findWorkload(c.catalog(), incident.workloadId);
  if (workload === undefined)
    throw new NonRetryableError(`Workload '${incident.workloadId}' is not in the catalog.`);
  const secondary = regionDisplayName(workload.regions.secondary);
  try {
    const { result } = await c.readinessEvaluator().evaluateAndRecord(workload, 'approval', c.now());
    const view = readinessView(workload, result, c.now());
    return {
      state: view.state,
      reasons: view.reasons,
      evaluatedAt: view.evaluatedAt,
      secondary,
      ...(view.rpoExposure
        ? {
            rpoExposure: {
              text: view.rpoExposure.text,
              lagSeconds: view.rpoExposure.lagSeconds,
              rpoSeconds: view.rpoExposure.rpoSeconds,
              withinRpo: view.rpoExposure.withinRpo,
              measuredAt: view.rpoExposure.measuredAt,
            },
          }
        : {}),
    };
  } catch (err) {
    // Approval goes on without it: a decision must never wait for a readiness store that is down.
    return {
      state: 'unknown',
      reasons: [`readiness could not be evaluated: ${errorMessage(err)}`],
      evaluatedAt: c.now().toISOString(),
      secondary,
    };
  }
});
