// azure.automation.runbook: creates the job with a name derived from the step's idempotency key (so a repeat
// finds the job the first attempt started instead of starting another), then reads it until it ends.
// Plain ARM requests: @azure/arm-automation's only release (10.1.1) is the retired ms-rest-js generation,
// which cannot share the pipeline (credential, retries, TLS) of the other clients.
import { setTimeout as sleep } from 'node:timers/promises';
import { checkedId, nameOf } from '../../../domain/runbook/azure/armResourceId';
import { armPath } from '../../../domain/runbook/azure/armRequestDescription';
import { automationJobName } from '../../../domain/runbook/azure/automationRunbookStep';
import {
  AUTOMATION_API_VERSION,
  AUTOMATION_JOB_END_STATES,
  automationJobBody,
  automationJobPath,
} from '../../../domain/runbook/azure/automationRunbookStep';
import type { AzureStepOf } from '../../../domain/runbook/runbookStepSchema';
import { NonRetryableError } from '../../../errors';
import type { AzureStepHandler } from './AzureStepHandler';

type Step = AzureStepOf<'azure.automation.runbook'>;

interface Job {
  properties?: { status?: string; statusDetails?: string; exception?: string };
}

/** A GUID-shaped job name from the idempotency key: the same on every attempt of one step round. */

export const automationRunbookHandler: AzureStepHandler<Step> = {
  doing: (step) =>
    `run runbook ${step.runbook} in Automation account ${nameOf(checkedId(step.automationAccount), 'automationAccounts')}`,
  async run(step, { clients, abortSignal, pollIntervalMs, idempotencyKey }) {
    const arm = clients.requests();
    const jobName = automationJobName(idempotencyKey);
    const path = armPath(automationJobPath(step, jobName), AUTOMATION_API_VERSION);
    let job = (await arm.read(path, abortSignal)) as Job | undefined;
    const found = job !== undefined;
    if (job === undefined) {
      job = (await arm.send('PUT', path, automationJobBody(step), abortSignal)).body as Job;
    } else if (isEnded(job)) {
      return outcome(step, jobName, job, true);
    }
    while (!isEnded(job)) {
      await sleep(pollIntervalMs, undefined, { signal: abortSignal });
      job = ((await arm.read(path, abortSignal)) as Job | undefined) ?? job;
    }
    return outcome(step, jobName, job, false, found);
  },
  async check(step, { clients, abortSignal }) {
    const path = armPath(`${step.automationAccount}/runbooks/${step.runbook}`, AUTOMATION_API_VERSION);
    const runbook = (await clients.requests().send('GET', path, undefined, abortSignal)).body as {
      properties?: { state?: string };
    };
    return `runbook ${step.runbook} is readable; it is ${runbook.properties?.state ?? 'of unknown state'}`;
  },
};

function isEnded(job: Job): boolean {
  return (AUTOMATION_JOB_END_STATES as readonly string[]).includes(job.properties?.status ?? '');
}

function outcome(step: Step, jobName: string, job: Job, already: boolean, resumed = false) {
  const status = job.properties?.status ?? 'unknown';
  if (status !== 'Completed') {
    const why = job.properties?.exception ?? job.properties?.statusDetails;
    throw new NonRetryableError(
      `job ${jobName} of runbook ${step.runbook} ended ${status}${why ? `: ${why.slice(0, 300)}` : ''} (see the job's output in the Automation account)`,
    );
  }
  return {
    alreadyInWantedState: already,
    detail: already
      ? `job ${jobName} of runbook ${step.runbook} had already completed`
      : `job ${jobName} of runbook ${step.runbook} completed${resumed ? ' (an earlier attempt had started it)' : ''}`,
  };
}
