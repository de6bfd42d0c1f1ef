// Registers the orchestrator functions under their stable contract names.
import * as df from 'durable-functions';
import { incidentOrchestrator } from '../orchestrations/incidentOrchestrator';
import { INCIDENT_ORCHESTRATION } from '../shared/domain/contracts/incidentContracts';

df.app.orchestration(INCIDENT_ORCHESTRATION, incidentOrchestrator);
