// Activities only drills use: a dry-run's description of a step, recorded on the step instead of running it.
import { container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import { describeDryRunStepActivity } from '../../shared/domain/contracts/runbookContracts';
import { describeDryRun } from '../../shared/domain/drill/dryRun/stepDryRuns';
import { stepEntryId } from '../../shared/domain/runbook/runbookRecordIds';
import { stepIdempotencyKey } from '../../shared/domain/runbook/stepIdempotencyKey';
import { NonRetryableError } from '../../shared/errors';
import { recordStep } from './recordStep';
import { registerActivity } from './registerActivity';

registerActivity(
  describeDryRunStepActivity,
  async ({ incidentId, workloadId, step, revision, entryPrefix }) => {
    if (step.type === 'parallel') {
      throw new NonRetryableError(
        `Step '${step.id}' is a parallel group: its branches' steps are described.`,
      );
    }
    const c = container();
    const workload = findWorkload(c.catalog(), workloadId);
    if (workload === undefined) {
      throw new NonRetryableError(`Workload '${workloadId}' is not in the catalog.`);
    }
    // The key a real run's first round would send: what the target would have deduplicated on.
    const description = describeDryRun(step, {
      idempotencyKey: stepIdempotencyKey(incidentId, step.id, 1),
      healthChecks: workload.healthChecks,
    });
    await recordStep(
      c.incidentStore(),
      incidentId,
      {
        stepId: step.id,
        revision,
        at: c.now().toISOString(),
        change: { kind: 'dry-run', description: { ...description, requests: [...description.requests] } },
      },
      {
        id: stepEntryId(entryPrefix, step.id, revision),
        type: 'step-dry-run',
        message: `Step ${step.id} (dry-run, nothing called): ${description.summary}`,
      },
    );
    return { summary: description.summary };
  },
);
