// Registers the orchestrator functions under their stable contract names.
import * as df from 'durable-functions';
import { approvalOrchestrator } from '../orchestrations/approvalOrchestrator';
import { incidentOrchestrator } from '../orchestrations/incidentOrchestrator';
import { APPROVAL_ORCHESTRATION } from '../shared/domain/contracts/approvalContracts';
import { INCIDENT_ORCHESTRATION } from '../shared/domain/contracts/incidentContracts';

df.app.orchestration(INCIDENT_ORCHESTRATION, incidentOrchestrator);
df.app.orchestration(APPROVAL_ORCHESTRATION, approvalOrchestrator);
