// One step of a runbook: the fields every step has, then the parameters of its type. Parsing fills every
// default (timeout, retry, on-failure...), so step executors never need one.
import { z } from 'zod';
import { definedOnly } from '../catalog/definedOnly';
import { positiveDurationSchema } from '../catalog/duration';
import { DEFAULT_CONSECUTIVE_PASSES } from '../catalog/healthCheckSchema';
import { idSchema } from '../catalog/slug';
import { checkDrillOverride, drillOverrideFileSchema, type DrillOverride } from './drillOverrideSchema';
import { httpRequestSchema } from './httpRequestSchema';
import { literalSecretUrlProblem } from './secretReference';
import { probeSchema } from './probeSchema';
import type { ParallelStep } from './parallelGroupSchema';
import { type RetryPresetName } from './retryPresets';
import { resolveRetry, retrySchema, type RetrySpec } from './retrySchema';
import { appServiceShape, checkAppService } from './azure/appServiceStep';
import { armRequestShape, checkArmRequest } from './azure/armRequestStep';
import { automationRunbookShape } from './azure/automationRunbookStep';
import {
  AZURE_STEP_DEFAULTS,
  AZURE_STEP_DESCRIPTIONS,
  AZURE_STEP_TYPES,
  MAX_AZURE_STEP_TIMEOUT_SECONDS,
  type AzureStepType,
} from './azure/azureStepTypes';
import { checkCosmosDbFailover, cosmosDbFailoverShape } from './azure/cosmosDbFailoverStep';
import { checkFrontDoorOrigin, frontDoorOriginShape } from './azure/frontDoorOriginStep';
import {
  checkSiteRecoveryRecoveryPlan,
  siteRecoveryRecoveryPlanShape,
} from './azure/siteRecoveryRecoveryPlanStep';
import { sqlFailoverGroupShape } from './azure/sqlFailoverGroupStep';
import { checkTrafficManagerEndpoint, trafficManagerEndpointShape } from './azure/trafficManagerEndpointStep';

/** Steps that do one thing; a `parallel` group holds branches of them (parallelGroupSchema.ts). */
export const LEAF_STEP_TYPES = ['http', 'manual', 'wait', 'healthCheck', ...AZURE_STEP_TYPES] as const;
export type LeafStepType = (typeof LEAF_STEP_TYPES)[number];
export const STEP_TYPES = [...LEAF_STEP_TYPES, 'parallel'] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** What happens when a step still fails after its retries. */
export const ON_FAILURE_POLICIES = ['pause', 'abort', 'continue'] as const;
export type OnFailure = (typeof ON_FAILURE_POLICIES)[number];
export const DEFAULT_ON_FAILURE: OnFailure = 'pause';

export const HEALTH_CHECK_TARGETS = ['primary', 'secondary'] as const;
export type HealthCheckTarget = (typeof HEALTH_CHECK_TARGETS)[number];

const MINUTE = 60;

/**
 * Per type: the default `timeout` (one attempt: an http request, one probe request, an operator's
 * confirmation) and the default retry preset. A wait's timeout defaults to its duration.
 */
export const STEP_DEFAULTS = {
  http: { timeoutSeconds: 30, retry: 'standard' },
  manual: { timeoutSeconds: 30 * MINUTE, retry: 'none' },
  wait: { retry: 'none' },
  healthCheck: { timeoutSeconds: 10, retry: 'none' },
  ...AZURE_STEP_DEFAULTS,
} as const satisfies Record<LeafStepType, { timeoutSeconds?: number; retry: RetryPresetName }>;
export const DEFAULT_PROBE_INTERVAL_SECONDS = 10;
export const MAX_CONSECUTIVE_PASSES = 100;

const MAX_INSTRUCTIONS = 20_000;

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A step's `rollback:` as the parsed step carries it: a step that does one thing (any leaf type) and has no
 * rollback of its own. Typed by hand because the schema refers to the step union it is part of.
 */
export interface RollbackStep {
  readonly id: string;
  readonly name: string;
  readonly type: LeafStepType;
  readonly [field: string]: unknown;
}

const rollbackStepSchema: z.ZodType<RollbackStep, unknown> = z.lazy(() =>
  leafStepSchema.refine((step) => !('rollback' in step), {
    error: 'A rollback step cannot have a rollback of its own',
    path: ['rollback'],
  }),
);

const commonShape = {
  id: idSchema('Step id, unique within the runbook: what operators retry, skip and confirm.'),
  name: text(200).describe('Display name.'),
  timeout: positiveDurationSchema(
    'Limit of one attempt: an http request, one probe request, an operator confirming a manual step (default per type).',
  ).optional(),
  retry: retrySchema.optional(),
  onFailure: z
    .enum(ON_FAILURE_POLICIES)
    .default(DEFAULT_ON_FAILURE)
    .describe(
      'When the step still fails after its retries: pause for an operator (default), abort the runbook, or continue with the next step.',
    ),
  instructions: text(MAX_INSTRUCTIONS)
    .optional()
    .describe('Markdown for operators: what the step does, what to check (required for manual steps).'),
  drill: drillOverrideFileSchema.optional(),
  rollback: rollbackStepSchema
    .optional()
    .describe(
      'A step that undoes this one (any type, with its own id), run when an operator rolls back a failed or aborted failover: the rollbacks of the completed steps run in reverse order.',
    ),
};

interface CommonFields {
  readonly id: string;
  readonly name: string;
  readonly timeout?: number | undefined;
  readonly retry?: RetrySpec | undefined;
  readonly onFailure: OnFailure;
  readonly instructions?: string | undefined;
  readonly drill?: DrillOverride | undefined;
  readonly rollback?: RollbackStep | undefined;
}

/** The fields every parsed step has, defaults filled. */
function commonOutput<T extends LeafStepType>(
  type: T,
  step: CommonFields,
  timeoutSeconds: number,
  ctx: z.RefinementCtx,
) {
  checkDrillOverride(type, step.drill, type === 'http' ? ['url', 'body'] : [], ctx);
  const retry = resolveRetry(step.retry, STEP_DEFAULTS[type].retry);
  if (retry.maxIntervalSeconds < retry.firstIntervalSeconds) {
    ctx.addIssue({
      code: 'custom',
      path: ['retry'],
      message: `The retry's maxInterval (${retry.maxIntervalSeconds}s) is shorter than its firstInterval (${retry.firstIntervalSeconds}s)`,
    });
  }
  return {
    id: step.id,
    name: step.name,
    type,
    timeoutSeconds,
    retry,
    onFailure: step.onFailure,
    ...definedOnly({ instructions: step.instructions, drill: step.drill, rollback: step.rollback }),
  };
}

const httpStepSchema = z
  .strictObject({
    ...commonShape,
    type: z.literal('http').describe('Calls an automation endpoint.'),
    request: httpRequestSchema.describe('The HTTP call.'),
  })
  .describe('An http step: calls an automation endpoint with an idempotency key.')
  .superRefine((step, ctx) => {
    const drill = step.drill;
    if (drill === undefined || drill.skip !== undefined) return;
    if (typeof drill.url === 'string') {
      const problem = literalSecretUrlProblem(drill.url);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['drill', 'url'], message: problem });
    }
    if (drill.body !== undefined && (step.request.method === 'GET' || step.request.method === 'DELETE')) {
      ctx.addIssue({
        code: 'custom',
        path: ['drill', 'body'],
        message: `A ${step.request.method} request has no body`,
      });
    }
  })
  .transform(({ request, ...step }, ctx) => ({
    ...commonOutput('http', step, step.timeout ?? STEP_DEFAULTS.http.timeoutSeconds, ctx),
    request,
  }));

const manualStepSchema = z
  .strictObject({
    ...commonShape,
    type: z.literal('manual').describe('Waits for an operator to confirm the step.'),
    instructions: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'A manual step needs instructions: what the operator does and checks'
            : undefined,
      })
      .trim()
      .min(1)
      .max(MAX_INSTRUCTIONS)
      .describe('Markdown for the operator: what to do and check.'),
  })
  .describe('A manual step: an operator follows the instructions and confirms.')
  .transform((step, ctx) => ({
    ...commonOutput('manual', step, step.timeout ?? STEP_DEFAULTS.manual.timeoutSeconds, ctx),
    instructions: step.instructions,
  }));

const waitStepSchema = z
  .strictObject({
    ...commonShape,
    type: z.literal('wait').describe('Waits on a durable timer.'),
    duration: positiveDurationSchema('How long to wait.'),
  })
  .describe('A wait step: a durable timer, e.g. for replication to catch up.')
  .superRefine((step, ctx) => {
    if (step.timeout !== undefined && step.timeout < step.duration) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeout'],
        message: 'A wait step cannot time out before its duration: leave timeout out',
      });
    }
  })
  .transform(({ duration, ...step }, ctx) => ({
    ...commonOutput('wait', step, step.timeout ?? duration, ctx),
    durationSeconds: duration,
  }));

const healthCheckStepSchema = z
  .strictObject({
    ...commonShape,
    type: z.literal('healthCheck').describe('Probes until enough passes in a row, or the deadline.'),
    target: z
      .enum(HEALTH_CHECK_TARGETS)
      .optional()
      .describe("Run the workload's health checks of this region (give target or probe)."),
    probe: probeSchema.optional(),
    consecutivePasses: z
      .int()
      .min(1)
      .max(MAX_CONSECUTIVE_PASSES)
      .default(DEFAULT_CONSECUTIVE_PASSES)
      .describe(`Passes in a row that make the step succeed (default ${DEFAULT_CONSECUTIVE_PASSES}).`),
    interval: positiveDurationSchema(
      `Time between probes (default ${DEFAULT_PROBE_INTERVAL_SECONDS}s).`,
    ).optional(),
    deadline: positiveDurationSchema('How long to keep probing before the step fails.'),
  })
  .describe('A healthCheck step: HTTP probes that must pass N times in a row before a deadline.')
  .superRefine((step, ctx) => {
    if ((step.target === undefined) === (step.probe === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: step.target === undefined ? [] : ['probe'],
        message:
          'Give either target (the workload\'s health checks of "primary" or "secondary") or an inline probe, not both',
      });
    }
    const interval = step.interval ?? DEFAULT_PROBE_INTERVAL_SECONDS;
    if ((step.consecutivePasses - 1) * interval >= step.deadline) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadline'],
        message: `${step.consecutivePasses} passes ${interval}s apart cannot fit in a deadline of ${step.deadline}s`,
      });
    }
    if (step.timeout !== undefined && step.timeout > step.deadline) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeout'],
        message: 'A probe timeout longer than the deadline',
      });
    }
  })
  .transform(({ target, probe, consecutivePasses, interval, deadline, ...step }, ctx) => ({
    ...commonOutput('healthCheck', step, step.timeout ?? STEP_DEFAULTS.healthCheck.timeoutSeconds, ctx),
    // A target's checks come from the workload when the step runs, so a catalog reload changes both.
    source:
      probe === undefined
        ? { kind: 'workload' as const, target: target ?? 'secondary' }
        : { kind: 'probe' as const, probe },
    consecutivePasses,
    intervalSeconds: interval ?? DEFAULT_PROBE_INTERVAL_SECONDS,
    deadlineSeconds: deadline,
  }));

/**
 * An Azure step (shared/domain/runbook/azure/): the common fields and the type's own, flat. `check` adds the
 * type's rules that span fields.
 */
function azureStepSchema<T extends AzureStepType, S extends z.ZodRawShape>(
  type: T,
  shape: S,
  check?: (step: z.output<z.ZodObject<S>>, issue: (message: string, path?: string) => void) => void,
) {
  return z
    .strictObject({ ...commonShape, type: z.literal(type).describe(AZURE_STEP_DESCRIPTIONS[type]), ...shape })
    .describe(`An ${type} step: ${AZURE_STEP_DESCRIPTIONS[type]}`)
    .superRefine((step, ctx) => {
      // Generic over the type's own fields, TypeScript cannot see the common ones: they are there.
      const { timeout } = step as unknown as CommonFields;
      if (timeout !== undefined && timeout > MAX_AZURE_STEP_TIMEOUT_SECONDS) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeout'],
          message: `An Azure step's attempt must end within ${MAX_AZURE_STEP_TIMEOUT_SECONDS}s (the activity runs within the host's 10 min functionTimeout); a longer operation is waited for by the next attempt: raise retry.maxAttempts instead`,
        });
      }
      check?.(step as z.output<z.ZodObject<S>>, (message, path) =>
        ctx.addIssue({ code: 'custom', path: path === undefined ? [] : [path], message }),
      );
    })
    .transform((step, ctx) => {
      const common = step as unknown as CommonFields;
      const params: Record<string, unknown> = {};
      for (const key of Object.keys(shape)) {
        const value = (step as Record<string, unknown>)[key];
        if (value !== undefined) params[key] = value;
      }
      return {
        ...commonOutput(type, common, common.timeout ?? STEP_DEFAULTS[type].timeoutSeconds, ctx),
        ...(params as z.output<z.ZodObject<S>>),
      };
    });
}

const AZURE_STEP_SCHEMAS = [
  azureStepSchema('azure.cosmosdb.failover', cosmosDbFailoverShape, checkCosmosDbFailover),
  azureStepSchema('azure.sql.failoverGroup', sqlFailoverGroupShape),
  azureStepSchema('azure.trafficManager.endpoint', trafficManagerEndpointShape, (step, issue) =>
    checkTrafficManagerEndpoint(step, issue),
  ),
  azureStepSchema('azure.frontDoor.origin', frontDoorOriginShape, (step, issue) =>
    checkFrontDoorOrigin(step, issue),
  ),
  azureStepSchema('azure.appService', appServiceShape, checkAppService),
  azureStepSchema(
    'azure.siteRecovery.recoveryPlan',
    siteRecoveryRecoveryPlanShape,
    checkSiteRecoveryRecoveryPlan,
  ),
  azureStepSchema('azure.automation.runbook', automationRunbookShape),
  azureStepSchema('azure.arm', armRequestShape, checkArmRequest),
] as const;

/** The options of the step union, for the union of a runbook's steps (with `parallel`) to extend. */
export const LEAF_STEP_SCHEMAS = [
  httpStepSchema,
  manualStepSchema,
  waitStepSchema,
  healthCheckStepSchema,
  ...AZURE_STEP_SCHEMAS,
] as const;

/** A step that does one thing: what a runbook and a branch of a parallel group are made of. */
export const leafStepSchema = z.discriminatedUnion('type', [...LEAF_STEP_SCHEMAS], {
  error: unknownStepType(LEAF_STEP_TYPES),
});

export function unknownStepType(types: readonly string[]) {
  return (issue: { code?: string; input?: unknown }): string | undefined => {
    if (issue.code !== 'invalid_union') {
      return undefined;
    }
    const type: unknown = (issue.input as { type?: unknown } | undefined)?.type;
    const what = type === undefined ? 'Missing step type' : `Unknown step type ${JSON.stringify(type)}`;
    return `${what}: expected one of ${types.join(', ')}`;
  };
}

export type LeafStep = z.output<typeof leafStepSchema>;
/** A step of a runbook: one that does one thing, or a parallel group of branches of them. */
export type RunbookStep = LeafStep | ParallelStep;
export type HttpStep = Extract<LeafStep, { type: 'http' }>;
export type ManualStep = Extract<LeafStep, { type: 'manual' }>;
export type WaitStep = Extract<LeafStep, { type: 'wait' }>;
export type HealthCheckStep = Extract<LeafStep, { type: 'healthCheck' }>;
/** A step of one of the Azure step types (shared/domain/runbook/azure/). */
export type AzureStep = Extract<LeafStep, { type: AzureStepType }>;
export type AzureStepOf<T extends AzureStepType> = Extract<LeafStep, { type: T }>;
