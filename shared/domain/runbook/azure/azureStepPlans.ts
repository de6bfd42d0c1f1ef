// Per Azure step: the dry-run description (the ARM requests it would send), its rollback default and the
// role it needs. Pure: for drills in dry-run, the printable runbook, readiness notes and rollback.
import type { AzureStep } from '../runbookStepSchema';
import { appServiceDryRun, appServiceRollback, APP_SERVICE_ROLE } from './appServiceStep';
import type { AzureStepDryRun } from './armRequestDescription';
import { armRequestDryRun, armRequestRollback, ARM_REQUEST_ROLE } from './armRequestStep';
import {
  automationRunbookDryRun,
  automationRunbookRollback,
  AUTOMATION_RUNBOOK_ROLE,
} from './automationRunbookStep';
import type { AzureRoleRequirement } from './azureStepDefinition';
import type { AzureStepType } from './azureStepTypes';
import {
  cosmosDbFailoverDryRun,
  cosmosDbFailoverRollback,
  COSMOS_DB_FAILOVER_ROLE,
} from './cosmosDbFailoverStep';
import {
  frontDoorOriginDryRun,
  frontDoorOriginRollback,
  FRONT_DOOR_ORIGIN_ROLE,
} from './frontDoorOriginStep';
import {
  siteRecoveryRecoveryPlanDryRun,
  siteRecoveryRecoveryPlanRollback,
  SITE_RECOVERY_ROLE,
} from './siteRecoveryRecoveryPlanStep';
import {
  sqlFailoverGroupDryRun,
  sqlFailoverGroupRollback,
  SQL_FAILOVER_GROUP_ROLE,
} from './sqlFailoverGroupStep';
import {
  trafficManagerEndpointDryRun,
  trafficManagerEndpointRollback,
  TRAFFIC_MANAGER_ENDPOINT_ROLE,
} from './trafficManagerEndpointStep';

/** What the step would send. `jobName`: an Automation job's name, when the caller knows the idempotency key's. */
export function azureStepDryRun(step: AzureStep, jobName?: string): AzureStepDryRun {
  switch (step.type) {
    case 'azure.cosmosdb.failover':
      return cosmosDbFailoverDryRun(step);
    case 'azure.sql.failoverGroup':
      return sqlFailoverGroupDryRun(step);
    case 'azure.trafficManager.endpoint':
      return trafficManagerEndpointDryRun(step);
    case 'azure.frontDoor.origin':
      return frontDoorOriginDryRun(step);
    case 'azure.appService':
      return appServiceDryRun(step);
    case 'azure.siteRecovery.recoveryPlan':
      return siteRecoveryRecoveryPlanDryRun(step);
    case 'azure.automation.runbook':
      return automationRunbookDryRun(step, jobName);
    case 'azure.arm':
      return armRequestDryRun(step);
  }
}

/** The step that undoes `step`, when its type has a natural one; `undefined` otherwise (see each type's file). */
export function azureStepRollback(step: AzureStep): AzureStep | undefined {
  switch (step.type) {
    case 'azure.trafficManager.endpoint':
      return trafficManagerEndpointRollback(step);
    case 'azure.frontDoor.origin':
      return frontDoorOriginRollback(step);
    case 'azure.appService':
      return appServiceRollback(step);
    case 'azure.cosmosdb.failover':
      return cosmosDbFailoverRollback();
    case 'azure.sql.failoverGroup':
      return sqlFailoverGroupRollback();
    case 'azure.siteRecovery.recoveryPlan':
      return siteRecoveryRecoveryPlanRollback();
    case 'azure.automation.runbook':
      return automationRunbookRollback();
    case 'azure.arm':
      return armRequestRollback();
  }
}

export const AZURE_STEP_ROLES: Record<AzureStepType, AzureRoleRequirement> = {
  'azure.cosmosdb.failover': COSMOS_DB_FAILOVER_ROLE,
  'azure.sql.failoverGroup': SQL_FAILOVER_GROUP_ROLE,
  'azure.trafficManager.endpoint': TRAFFIC_MANAGER_ENDPOINT_ROLE,
  'azure.frontDoor.origin': FRONT_DOOR_ORIGIN_ROLE,
  'azure.appService': APP_SERVICE_ROLE,
  'azure.siteRecovery.recoveryPlan': SITE_RECOVERY_ROLE,
  'azure.automation.runbook': AUTOMATION_RUNBOOK_ROLE,
  'azure.arm': ARM_REQUEST_ROLE,
};
