// The Azure step types: names, what each does, and their defaults (one attempt's timeout, retry preset).
import type { RetryPresetName } from '../retryPresets';

export const AZURE_STEP_TYPES = [
  'azure.cosmosdb.failover',
  'azure.sql.failoverGroup',
  'azure.trafficManager.endpoint',
  'azure.frontDoor.origin',
  'azure.appService',
  'azure.siteRecovery.recoveryPlan',
  'azure.automation.runbook',
  'azure.arm',
] as const;
export type AzureStepType = (typeof AZURE_STEP_TYPES)[number];

export function isAzureStepType(type: string): type is AzureStepType {
  return (AZURE_STEP_TYPES as readonly string[]).includes(type);
}

/**
 * An attempt runs in one activity, which the Functions host stops at host.json's `functionTimeout`
 * (10 min): an attempt must end before it. A longer operation goes on in Azure; the next attempt reads
 * its state again and waits for it (every Azure step checks the current state first).
 */
export const MAX_AZURE_STEP_TIMEOUT_SECONDS = 9 * 60;

const MINUTE = 60;

export const AZURE_STEP_DEFAULTS = {
  'azure.cosmosdb.failover': { timeoutSeconds: 9 * MINUTE, retry: 'patient' },
  'azure.sql.failoverGroup': { timeoutSeconds: 5 * MINUTE, retry: 'patient' },
  'azure.trafficManager.endpoint': { timeoutSeconds: 1 * MINUTE, retry: 'standard' },
  'azure.frontDoor.origin': { timeoutSeconds: 5 * MINUTE, retry: 'standard' },
  'azure.appService': { timeoutSeconds: 5 * MINUTE, retry: 'standard' },
  'azure.siteRecovery.recoveryPlan': { timeoutSeconds: 9 * MINUTE, retry: 'patient' },
  'azure.automation.runbook': { timeoutSeconds: 9 * MINUTE, retry: 'standard' },
  'azure.arm': { timeoutSeconds: 5 * MINUTE, retry: 'standard' },
} as const satisfies Record<AzureStepType, { timeoutSeconds: number; retry: RetryPresetName }>;

export const AZURE_STEP_DESCRIPTIONS: Record<AzureStepType, string> = {
  'azure.cosmosdb.failover': 'Moves the write region of a Cosmos DB account (failover priority change).',
  'azure.sql.failoverGroup':
    'Makes a server the primary of an Azure SQL failover group: planned, or forced with data loss only when allowDataLoss is true.',
  'azure.trafficManager.endpoint':
    'Enables, disables or re-prioritises / re-weights a Traffic Manager endpoint.',
  'azure.frontDoor.origin':
    'Enables, disables or re-weights an origin of an Azure Front Door (Standard/Premium) origin group.',
  'azure.appService': 'Starts or stops a web app, or scales out an App Service plan.',
  'azure.siteRecovery.recoveryPlan':
    'Runs a Site Recovery recovery plan failover (test, planned, unplanned) and waits for its job.',
  'azure.automation.runbook':
    'Starts an Azure Automation runbook job with parameters and waits for it to end.',
  'azure.arm': 'Any Azure Resource Manager request, long-running operations polled until done.',
};

/** Azure Resource Manager in the public cloud: where the Azure steps' requests go (ArmConnection in production). */
export const AZURE_PUBLIC_CLOUD_ENDPOINT = 'https://management.azure.com';
