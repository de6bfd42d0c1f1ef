// IncidentWorkflows over the Durable Functions client of the current invocation.
import type { DurableClient } from 'durable-functions';
import {
  ALERTS_CHANGED_EVENT,
  INCIDENT_ORCHESTRATION,
  type IncidentOrchestrationInput,
} from '../../domain/contracts/incidentContracts';
import { errorMessage } from '../../errors';
import type { IncidentWorkflows } from '../../ports/IncidentWorkflows';
import type { DurableInstanceApi } from './DurableInstanceApi';

export class DurableIncidentWorkflows implements IncidentWorkflows {
  constructor(
    private readonly client: DurableClient,
    private readonly instances: DurableInstanceApi,
  ) {}

  async ensureStarted(input: IncidentOrchestrationInput): Promise<void> {
    if (await this.exists(input.incidentId)) {
      return;
    }
    try {
      await this.client.startNew(INCIDENT_ORCHESTRATION, { instanceId: input.incidentId, input });
    } catch (err) {
      // Another correlator started it between our check and our start (the host refuses to restart a
      // running instance); anything else is a real failure and the message is retried.
      if (!(await this.exists(input.incidentId))) {
        throw new Error(
          `Could not start incident orchestration '${input.incidentId}': ${errorMessage(err)}`,
          {
            cause: err,
          },
        );
      }
    }
  }

  async wake(incidentId: string, alertId: string): Promise<void> {
    // raiseEvent resolves on 410 (already finished): fine, the alert is in the store either way.
    await this.client.raiseEvent(incidentId, ALERTS_CHANGED_EVENT, { alertId });
  }

  private async exists(instanceId: string): Promise<boolean> {
    return (await this.instances.runtimeStatus(instanceId)) !== undefined;
  }
}
