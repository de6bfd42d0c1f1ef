// The Azure step executor: one attempt of an Azure step through the @azure/arm-* SDKs, bounded by the step's
// timeout (every call and poller takes the same abort signal), with errors turned into outcomes that say
// what to fix.
import { AZURE_STEP_ROLES } from '../../domain/runbook/azure/azureStepPlans';
import type { AzureStepType } from '../../domain/runbook/azure/azureStepTypes';
import type { AzureStep, AzureStepOf } from '../../domain/runbook/runbookStepSchema';
import type {
  AzureStepAttempt,
  AzureStepExecutor,
  AzureStepOutcome,
  AzureTargetCheck,
} from '../../ports/AzureStepExecutor';
import { ArmClients } from './ArmClients';
import { DEFAULT_LRO_POLL_INTERVAL_MS, type ArmConnection } from './ArmConnection';
import { describeArmError } from './describeArmError';
import { appServiceHandler } from './steps/appServiceHandler';
import { armRequestHandler } from './steps/armRequestHandler';
import { automationRunbookHandler } from './steps/automationRunbookHandler';
import type { AzureStepContext, AzureStepHandler } from './steps/AzureStepHandler';
import { cosmosDbFailoverHandler } from './steps/cosmosDbFailoverHandler';
import { frontDoorOriginHandler } from './steps/frontDoorOriginHandler';
import { siteRecoveryRecoveryPlanHandler } from './steps/siteRecoveryRecoveryPlanHandler';
import { sqlFailoverGroupHandler } from './steps/sqlFailoverGroupHandler';
import { trafficManagerEndpointHandler } from './steps/trafficManagerEndpointHandler';

const HANDLERS: { [T in AzureStepType]: AzureStepHandler<AzureStepOf<T>> } = {
  'azure.cosmosdb.failover': cosmosDbFailoverHandler,
  'azure.sql.failoverGroup': sqlFailoverGroupHandler,
  'azure.trafficManager.endpoint': trafficManagerEndpointHandler,
  'azure.frontDoor.origin': frontDoorOriginHandler,
  'azure.appService': appServiceHandler,
  'azure.siteRecovery.recoveryPlan': siteRecoveryRecoveryPlanHandler,
  'azure.automation.runbook': automationRunbookHandler,
  'azure.arm': armRequestHandler,
};

function handlerOf(step: AzureStep): AzureStepHandler<AzureStep> {
  return HANDLERS[step.type];
}

export class ArmStepExecutor implements AzureStepExecutor {
  private readonly clients: ArmClients;

  constructor(private readonly connection: ArmConnection) {
    this.clients = new ArmClients(connection);
  }

  async execute(step: AzureStep, attempt: AzureStepAttempt): Promise<AzureStepOutcome> {
    const handler = handlerOf(step);
    const started = performance.now();
    try {
      const result = await handler.run(step, this.context(attempt.timeoutMs, attempt.idempotencyKey));
      const latencyMs = Math.round(performance.now() - started);
      return { kind: 'succeeded', ...result, latencyMs };
    } catch (err) {
      return describeArmError(err, {
        doing: handler.doing(step),
        role: AZURE_STEP_ROLES[step.type].role,
        timeoutMs: attempt.timeoutMs,
        latencyMs: Math.round(performance.now() - started),
      });
    }
  }

  async checkTarget(step: AzureStep, timeoutMs: number): Promise<AzureTargetCheck> {
    const handler = handlerOf(step);
    try {
      return { ok: true, detail: await handler.check(step, this.context(timeoutMs, 'readiness-check')) };
    } catch (err) {
      const failed = describeArmError(err, {
        doing: `read the target of ${step.id}`,
        role: AZURE_STEP_ROLES[step.type].role,
        timeoutMs,
        latencyMs: 0,
      });
      return { ok: false, detail: failed.reason };
    }
  }

  private context(timeoutMs: number, idempotencyKey: string): AzureStepContext {
    return {
      clients: this.clients,
      abortSignal: AbortSignal.timeout(timeoutMs),
      pollIntervalMs: this.connection.pollIntervalMs ?? DEFAULT_LRO_POLL_INTERVAL_MS,
      idempotencyKey,
    };
  }
}
