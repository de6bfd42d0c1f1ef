// Activities of the incident orchestration's detection stage: read the alerts the correlator recorded,
// close the correlation window. Both are safe to run twice.
import { container } from '../../shared/container';
import {
  closeCorrelationWindowActivity,
  readIncidentAlertsActivity,
} from '../../shared/domain/contracts/incidentContracts';
import { summariseIncidentAlerts } from '../../shared/domain/correlation/summariseIncidentAlerts';
import { NotFoundError } from '../../shared/errors';
import { registerActivity } from './registerActivity';

registerActivity(readIncidentAlertsActivity, async ({ incidentId }) => {
  const read = await container().correlationStore().readIncidentAlerts(incidentId);
  if (read === undefined) {
    throw new NotFoundError(`No correlation window for incident '${incidentId}'.`);
  }
  return {
    version: read.version,
    windowOpen: read.closedAt === undefined,
    summary: summariseIncidentAlerts(read.alerts),
  };
});

registerActivity(closeCorrelationWindowActivity, ({ incidentId, expectedVersion, at }) =>
  container().correlationStore().closeWindow(incidentId, expectedVersion, at),
);
