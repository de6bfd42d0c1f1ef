// HTTP health checks that prove a region serves traffic (before failover on the secondary, after it too).
import { z } from 'zod';
import { definedOnly } from './definedOnly';
import { urlCredentialsProblem } from '../runbook/secretReference';
import { latencySchema, positiveDurationSchema } from './duration';

export const DEFAULT_EXPECT_STATUS = 200;
export const DEFAULT_CONSECUTIVE_PASSES = 3;

export const healthCheckSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).describe('Unique within its region, e.g. "orders-api".'),
    url: z
      .url({ protocol: /^https?$/, error: 'Expected an http:// or https:// URL' })
      .refine((url) => urlCredentialsProblem(url) === undefined, {
        error: (issue) => urlCredentialsProblem(String(issue.input)),
      })
      .describe('URL to GET (no credentials: the catalog holds no secrets).'),
    expectStatus: z
      .int()
      .min(100)
      .max(599)
      .default(DEFAULT_EXPECT_STATUS)
      .describe('HTTP status a passing check returns.'),
    maxLatency: latencySchema('Slowest response that still passes.').optional(),
    bodyContains: z.string().min(1).optional().describe('Text a passing response body contains.'),
    consecutivePasses: z
      .int()
      .min(1)
      .max(100)
      .default(DEFAULT_CONSECUTIVE_PASSES)
      .describe('Passes in a row that make the region healthy.'),
    deadline: positiveDurationSchema(
      'How long to keep checking before the region counts as unhealthy.',
    ).optional(),
  })
  .transform(({ maxLatency, deadline, ...rest }) => ({
    ...rest,
    ...definedOnly({ maxLatencyMs: maxLatency, deadlineSeconds: deadline }),
  }));
export type HealthCheck = z.output<typeof healthCheckSchema>;

const checkListSchema = z.array(healthCheckSchema).superRefine((checks, ctx) => {
  const seen = new Set<string>();
  checks.forEach((check, index) => {
    const key = check.name.toLowerCase();
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `Duplicate health check name "${check.name}"`,
      });
    }
    seen.add(key);
  });
});

export const healthChecksSchema = z
  .strictObject({
    primary: checkListSchema.optional().describe('Checks of the primary region.'),
    secondary: checkListSchema.optional().describe('Checks of the secondary region.'),
  })
  .describe('HTTP checks per region; validation after failover runs the secondary ones.')
  .transform(({ primary, secondary }) => ({ primary: primary ?? [], secondary: secondary ?? [] }));
export type HealthChecks = z.output<typeof healthChecksSchema>;
