// Registers the orchestrator functions under their stable contract names.
import * as df from 'durable-functions';
import { approvalNotificationsOrchestrator } from '../orchestrations/approvalNotificationsOrchestrator';
import { approvalOrchestrator } from '../orchestrations/approvalOrchestrator';
import { incidentFollowUpOrchestrator } from '../orchestrations/incidentFollowUpOrchestrator';
import { incidentOrchestrator } from '../orchestrations/incidentOrchestrator';
import { progressUpdatesOrchestrator } from '../orchestrations/progressUpdatesOrchestrator';
import { runbookBranchOrchestrator } from '../orchestrations/runbookBranchOrchestrator';
import { runbookOrchestrator } from '../orchestrations/runbookOrchestrator';
import {
  APPROVAL_NOTIFICATIONS_ORCHESTRATION,
  APPROVAL_ORCHESTRATION,
} from '../shared/domain/contracts/approvalContracts';
import { FOLLOW_UP_ORCHESTRATION } from '../shared/domain/contracts/followUpContracts';
import { INCIDENT_ORCHESTRATION } from '../shared/domain/contracts/incidentContracts';
import { PROGRESS_UPDATES_ORCHESTRATION } from '../shared/domain/contracts/progressUpdateContracts';
import {
  RUNBOOK_BRANCH_ORCHESTRATION,
  RUNBOOK_ORCHESTRATION,
} from '../shared/domain/contracts/runbookContracts';

df.app.orchestration(INCIDENT_ORCHESTRATION, incidentOrchestrator);
df.app.orchestration(APPROVAL_ORCHESTRATION, approvalOrchestrator);
df.app.orchestration(RUNBOOK_ORCHESTRATION, runbookOrchestrator);
df.app.orchestration(RUNBOOK_BRANCH_ORCHESTRATION, runbookBranchOrchestrator);
df.app.orchestration(APPROVAL_NOTIFICATIONS_ORCHESTRATION, approvalNotificationsOrchestrator);
df.app.orchestration(PROGRESS_UPDATES_ORCHESTRATION, progressUpdatesOrchestrator);
df.app.orchestration(FOLLOW_UP_ORCHESTRATION, incidentFollowUpOrchestrator);
