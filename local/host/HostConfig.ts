// The parts of host.json the local runtime honours, validated.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const hostJsonSchema = z.looseObject({
  version: z.literal('2.0'),
  extensions: z
    .looseObject({
      http: z.looseObject({ routePrefix: z.string().optional() }).optional(),
      durableTask: z
        .looseObject({
          hubName: z.string().optional(),
          overridableExistingInstanceStates: z.enum(['NonRunningStates', 'AnyState']).optional(),
          maxConcurrentActivityFunctions: z.number().int().positive().optional(),
        })
        .optional(),
      serviceBus: z
        .looseObject({
          maxConcurrentCalls: z.number().int().positive().optional(),
          maxAutoLockRenewalDuration: z
            .string()
            .regex(/^\d{1,2}:\d{2}:\d{2}$/, 'expected a TimeSpan hh:mm:ss')
            .optional(),
          messageHandlerOptions: z
            .looseObject({ maxConcurrentCalls: z.number().int().positive().optional() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});

export interface HostConfig {
  readonly routePrefix: string;
  readonly hubName: string;
  readonly overridableExistingInstanceStates: 'NonRunningStates' | 'AnyState';
  readonly maxConcurrentActivityFunctions: number;
  readonly serviceBusMaxConcurrentCalls: number;
  /** How long a message's lock is renewed while its handler runs (the extension's default: five minutes). */
  readonly serviceBusMaxAutoLockRenewalDurationMs: number;
}

const defaultMaxAutoLockRenewalDurationMs = 5 * 60 * 1000;

function timeSpanMs(value: string): number {
  const [h, m, s] = value.split(':').map(Number);
  return (((h ?? 0) * 60 + (m ?? 0)) * 60 + (s ?? 0)) * 1000;
}

/** `%SETTING%` placeholders in host.json resolve from the environment, as in the Functions host. */
function resolvePlaceholder(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/%([A-Za-z0-9_]+)%/g, (_, name: string) => env[name] ?? '');
}

export function readHostConfig(hostJsonPath: string, env: NodeJS.ProcessEnv = process.env): HostConfig {
  const raw = JSON.parse(readFileSync(hostJsonPath, 'utf8')) as unknown;
  const parsed = hostJsonSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${hostJsonPath} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const ext = parsed.data.extensions;
  return {
    routePrefix: ext?.http?.routePrefix ?? 'api',
    hubName: resolvePlaceholder(ext?.durableTask?.hubName ?? 'TestHubName', env) || 'TestHubName',
    // AnyState is the extension's default (enum value 0); Lifeboat's host.json sets NonRunningStates.
    overridableExistingInstanceStates: ext?.durableTask?.overridableExistingInstanceStates ?? 'AnyState',
    maxConcurrentActivityFunctions: ext?.durableTask?.maxConcurrentActivityFunctions ?? 10,
    serviceBusMaxConcurrentCalls:
      ext?.serviceBus?.maxConcurrentCalls ?? ext?.serviceBus?.messageHandlerOptions?.maxConcurrentCalls ?? 16,
    serviceBusMaxAutoLockRenewalDurationMs:
      ext?.serviceBus?.maxAutoLockRenewalDuration === undefined
        ? defaultMaxAutoLockRenewalDurationMs
        : timeSpanMs(ext.serviceBus.maxAutoLockRenewalDuration),
  };
}
