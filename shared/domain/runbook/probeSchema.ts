// An inline HTTP probe of a `healthCheck` step, for endpoints the workload's own health checks do not cover.
import { z } from 'zod';
import { definedOnly } from '../catalog/definedOnly';
import { latencySchema } from '../catalog/duration';
import { DEFAULT_EXPECT_STATUS } from '../catalog/healthCheckSchema';
import { httpUrlSchema } from './httpRequestSchema';
import { urlCredentialsProblem } from './secretReference';

export const probeSchema = z
  .strictObject({
    url: httpUrlSchema
      .refine((url) => urlCredentialsProblem(url) === undefined, {
        error: (issue) => urlCredentialsProblem(String(issue.input)),
      })
      .describe('URL to GET (no credentials: the catalog holds no secrets).'),
    expectStatus: z
      .int()
      .min(100)
      .max(599)
      .default(DEFAULT_EXPECT_STATUS)
      .describe(`HTTP status a passing probe returns (default ${DEFAULT_EXPECT_STATUS}).`),
    maxLatency: latencySchema('Slowest response that still passes.').optional(),
    bodyContains: z.string().min(1).optional().describe('Text a passing response body contains.'),
  })
  .describe('A probe written into the step, like a workload health check.')
  .transform(({ maxLatency, ...rest }) => ({ ...rest, ...definedOnly({ maxLatencyMs: maxLatency }) }));
export type Probe = z.output<typeof probeSchema>;
