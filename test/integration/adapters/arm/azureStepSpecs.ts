// One scenario per Azure step type for the executor tests: the resources the stand-in starts with, the step,
// how to put the target in the wanted state beforehand, and what a done step leaves behind.
import { automationJobName } from '../../../../shared/domain/runbook/azure/automationRunbookStep';
import { leafStepSchema, type AzureStep } from '../../../../shared/domain/runbook/runbookStepSchema';
import type { ArmStandIn, Json } from '../../../standins/arm/ArmStandIn';

export const SUB = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-pay/providers';
export const IDEMPOTENCY_KEY = 'lifeboat:inc-1:step-1';

export interface AzureStepSpec {
  readonly name: string;
  readonly step: AzureStep;
  /** Seeds the target (not yet in the wanted state) and the actions it answers. */
  readonly seed: (standIn: ArmStandIn) => void;
  /** Puts the target in the wanted state. */
  readonly alreadyThere: (standIn: ArmStandIn) => void;
  /** Whether the target is in the wanted state now. */
  readonly isDone: (standIn: ArmStandIn) => boolean;
  /** The write that changes the target (for 403 and long-running operations). */
  readonly write: { readonly method: string; readonly path: RegExp };
  /** `operation`: the write is a long-running operation (polled); `job`: the step watches a job; `none`: it answers at once. */
  readonly polling: 'operation' | 'job' | 'none';
  /** The role a 403 must name. */
  readonly role: string;
}

function step(input: Record<string, unknown>): AzureStep {
  return leafStepSchema.parse({ id: 'step-1', name: 'The step', ...input }) as AzureStep;
}

const props = (doc: Json | undefined) => (doc?.properties ?? {}) as Json;

const cosmos = `${SUB}/Microsoft.DocumentDB/databaseAccounts/cosmos-pay`;
const sqlWest = `${SUB}/Microsoft.Sql/servers/sql-pay-west/failoverGroups/fg-pay`;
const tm = `${SUB}/Microsoft.Network/trafficManagerProfiles/tm-pay/azureEndpoints/east`;
const origin = `${SUB}/Microsoft.Cdn/profiles/fd-pay/originGroups/app/origins/east`;
const site = `${SUB}/Microsoft.Web/sites/app-pay-west`;
const plan = `${SUB}/Microsoft.Web/serverfarms/plan-pay-west`;
const recoveryPlan = `${SUB}/Microsoft.RecoveryServices/vaults/rsv-pay/replicationRecoveryPlans/rp-pay`;
const automation = `${SUB}/Microsoft.Automation/automationAccounts/aa-pay`;
const redis = `${SUB}/Microsoft.Cache/redis/cache-pay`;

const cosmosPolicies = (...regions: string[]) =>
  regions.map((locationName, failoverPriority) => ({ locationName, failoverPriority }));

export const AZURE_STEP_SPECS: readonly AzureStepSpec[] = [
  {
    name: 'azure.cosmosdb.failover',
    step: step({ type: 'azure.cosmosdb.failover', account: cosmos, writeRegion: 'westus' }),
    seed: (s) => {
      s.put(cosmos, {
        properties: { failoverPolicies: cosmosPolicies('East US', 'West US', 'North Europe') },
      });
      s.onAction(/\/failoverPriorityChange$/, ({ resourcePath, body, standIn }) => {
        const policies = (body as { failoverPolicies: unknown[] }).failoverPolicies;
        standIn.put(resourcePath, {
          properties: { ...props(standIn.get(resourcePath)), failoverPolicies: policies },
        });
        return undefined;
      });
    },
    alreadyThere: (s) =>
      s.put(cosmos, {
        properties: { failoverPolicies: cosmosPolicies('West US', 'East US', 'North Europe') },
      }),
    isDone: (s) =>
      JSON.stringify(props(s.get(cosmos)).failoverPolicies) ===
      JSON.stringify(cosmosPolicies('West US', 'East US', 'North Europe')),
    write: { method: 'POST', path: /\/failoverPriorityChange$/ },
    polling: 'operation',
    role: 'DocumentDB Account Contributor',
  },
  {
    name: 'azure.sql.failoverGroup',
    step: step({ type: 'azure.sql.failoverGroup', failoverGroup: sqlWest }),
    seed: (s) => {
      s.put(sqlWest, { properties: { replicationRole: 'Secondary' } });
      s.onAction(/\/failoverGroups\/[^/]+\/failover$/, ({ resourcePath, standIn }) => {
        standIn.put(resourcePath, { properties: { replicationRole: 'Primary' } });
        return standIn.get(resourcePath);
      });
    },
    alreadyThere: (s) => s.put(sqlWest, { properties: { replicationRole: 'Primary' } }),
    isDone: (s) => props(s.get(sqlWest)).replicationRole === 'Primary',
    write: { method: 'POST', path: /\/failover$/ },
    polling: 'operation',
    role: 'SQL Server Contributor',
  },
  {
    name: 'azure.trafficManager.endpoint',
    step: step({ type: 'azure.trafficManager.endpoint', endpoint: tm, status: 'Disabled' }),
    seed: (s) => s.put(tm, { properties: { endpointStatus: 'Enabled', priority: 1 } }),
    alreadyThere: (s) => s.put(tm, { properties: { endpointStatus: 'Disabled', priority: 1 } }),
    isDone: (s) => props(s.get(tm)).endpointStatus === 'Disabled' && props(s.get(tm)).priority === 1,
    write: { method: 'PATCH', path: /\/azureEndpoints\/east$/i },
    polling: 'none',
    role: 'Traffic Manager Contributor',
  },
  {
    name: 'azure.frontDoor.origin',
    step: step({ type: 'azure.frontDoor.origin', origin, enabledState: 'Disabled' }),
    seed: (s) =>
      s.put(origin, {
        properties: { enabledState: 'Enabled', priority: 1, weight: 1000, hostName: 'east.example.com' },
      }),
    alreadyThere: (s) =>
      s.put(origin, { properties: { enabledState: 'Disabled', priority: 1, weight: 1000 } }),
    isDone: (s) =>
      props(s.get(origin)).enabledState === 'Disabled' &&
      props(s.get(origin)).hostName === 'east.example.com',
    write: { method: 'PATCH', path: /\/origins\/east$/ },
    polling: 'operation',
    role: 'CDN Profile Contributor',
  },
  {
    name: 'azure.appService (start a web app)',
    step: step({ type: 'azure.appService', resource: site, action: 'start' }),
    seed: (s) => {
      s.put(site, { properties: { state: 'Stopped' } });
      s.onAction(/\/sites\/[^/]+\/start$/, ({ resourcePath, standIn }) => {
        standIn.put(resourcePath, { properties: { state: 'Running' } });
        return undefined;
      });
    },
    alreadyThere: (s) => s.put(site, { properties: { state: 'Running' } }),
    isDone: (s) => props(s.get(site)).state === 'Running',
    write: { method: 'POST', path: /\/start$/ },
    polling: 'none',
    role: 'Website Contributor',
  },
  {
    name: 'azure.appService (scale a plan)',
    step: step({ type: 'azure.appService', resource: plan, action: 'scale', instances: 4 }),
    seed: (s) =>
      s.put(plan, {
        location: 'West US',
        sku: { name: 'P1v3', tier: 'PremiumV3', capacity: 1 },
        properties: {},
      }),
    alreadyThere: (s) =>
      s.put(plan, { location: 'West US', sku: { name: 'P1v3', capacity: 4 }, properties: {} }),
    isDone: (s) =>
      (s.get(plan)?.sku as Json | undefined)?.capacity === 4 && (s.get(plan)?.sku as Json).name === 'P1v3',
    write: { method: 'PUT', path: /\/serverfarms\/plan-pay-west$/ },
    polling: 'operation',
    role: 'Web Plan Contributor',
  },
  {
    name: 'azure.siteRecovery.recoveryPlan',
    step: step({ type: 'azure.siteRecovery.recoveryPlan', recoveryPlan, failover: 'planned' }),
    seed: (s) => {
      s.put(recoveryPlan, {
        properties: { allowedOperations: ['PlannedFailover', 'UnplannedFailover', 'TestFailover'] },
      });
      s.onAction(/\/plannedFailover$/, ({ resourcePath, standIn }) => {
        standIn.put(resourcePath, {
          properties: {
            allowedOperations: ['Commit', 'ReProtect'],
            currentScenario: { jobId: `${resourcePath}/jobs/job-42` },
          },
        });
        return standIn.get(resourcePath);
      });
    },
    alreadyThere: (s) => s.put(recoveryPlan, { properties: { allowedOperations: ['Commit', 'ReProtect'] } }),
    isDone: (s) => JSON.stringify(props(s.get(recoveryPlan)).allowedOperations) === '["Commit","ReProtect"]',
    write: { method: 'POST', path: /\/plannedFailover$/ },
    polling: 'operation',
    role: 'Site Recovery Operator',
  },
  {
    name: 'azure.automation.runbook',
    step: step({
      type: 'azure.automation.runbook',
      automationAccount: automation,
      runbook: 'Promote-Replica',
      parameters: { region: 'westus' },
    }),
    seed: (s) => {
      s.put(automation, { properties: {} });
      // A job moves New → Running → Completed as it is watched (two reads in Running).
      let reads = 0;
      s.onRead(/\/jobs\/[^/]+$/, (job) => {
        const properties = job.properties as Json;
        if (properties.status === undefined || properties.status === 'New') properties.status = 'Running';
        else if (properties.status === 'Running' && ++reads >= 2) properties.status = 'Completed';
      });
    },
    alreadyThere: (s) =>
      s.put(`${automation}/jobs/${automationJobName(IDEMPOTENCY_KEY)}`, {
        properties: { runbook: { name: 'Promote-Replica' }, status: 'Completed' },
      }),
    isDone: (s) =>
      props(s.get(`${automation}/jobs/${automationJobName(IDEMPOTENCY_KEY)}`)).status === 'Completed',
    write: { method: 'PUT', path: /\/jobs\/[^/]+$/ },
    polling: 'job',
    role: 'Automation Job Operator',
  },
  {
    name: 'azure.arm',
    step: step({
      type: 'azure.arm',
      resource: redis,
      apiVersion: '2024-03-01',
      method: 'PATCH',
      body: { properties: { publicNetworkAccess: 'Enabled' } },
      alreadyWhen: { matches: { properties: { publicNetworkAccess: 'Enabled' } } },
    }),
    seed: (s) => s.put(redis, { properties: { publicNetworkAccess: 'Disabled', sku: 'Premium' } }),
    alreadyThere: (s) => s.put(redis, { properties: { publicNetworkAccess: 'Enabled', sku: 'Premium' } }),
    isDone: (s) =>
      props(s.get(redis)).publicNetworkAccess === 'Enabled' && props(s.get(redis)).sku === 'Premium',
    write: { method: 'PATCH', path: /\/redis\/cache-pay$/ },
    polling: 'operation',
    role: 'a role that allows the request',
  },
];
