// Activity of the correlation window: closing it, so that later alerts open a new incident. Safe to run twice.
import { container } from '../../shared/container';
import { closeCorrelationWindowActivity } from '../../shared/domain/contracts/incidentContracts';
import { registerActivity } from './registerActivity';

registerActivity(closeCorrelationWindowActivity, ({ incidentId, expectedVersion, at }) =>
  container().correlationStore().closeWindow(incidentId, expectedVersion, at),
);
