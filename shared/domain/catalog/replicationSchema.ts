// Replication lag sources of a workload (`replication:` in a workload file): where Lifeboat reads how far
// the secondary is behind, to compare with the RPO. Either an HTTP JSON endpoint and the path to the number
// in its body, or an Azure Monitor metric of a resource read with the app's managed identity.
import { z } from 'zod';
import { definedOnly } from './definedOnly';
import { durationSchema } from './duration';
import { urlCredentialsProblem } from '../runbook/secretReference';

/** Defaults for the thresholds, as fractions of the RPO: warn at half of it, fail at all of it. */
export const DEFAULT_WARN_FRACTION = 0.5;
export const DEFAULT_FAIL_FRACTION = 1;

export const LAG_UNITS = ['seconds', 'milliseconds'] as const;
export type LagUnit = (typeof LAG_UNITS)[number];

/** `lag.seconds`, `regions[0].lag`: property names and array indexes. */
const JSON_PATH = /^[A-Za-z_$][\w$-]*(\[\d+\])*(\.[A-Za-z_$][\w$-]*(\[\d+\])*)*$/;

const unitSchema = z
  .enum(LAG_UNITS)
  .default('seconds')
  .describe('Unit of the number read (default seconds).');

const httpSourceSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'Expected an http:// or https:// URL' })
    .refine((url) => urlCredentialsProblem(url) === undefined, {
      error: (issue) => urlCredentialsProblem(String(issue.input)),
    })
    .describe('URL to GET; answers JSON (no credentials: the catalog holds no secrets).'),
  path: z
    .string()
    .regex(JSON_PATH, { error: 'Expected a path to a number in the JSON body, e.g. "lag.seconds"' })
    .describe('Where the lag is in the JSON body, e.g. "replication.lagSeconds" or "regions[0].lag".'),
  unit: unitSchema,
});

export const METRIC_AGGREGATIONS = ['Average', 'Maximum', 'Minimum', 'Total', 'Count'] as const;

const azureMonitorSourceSchema = z.strictObject({
  resourceId: z
    .string()
    .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+$/i, {
      error: 'Expected an Azure resource id: /subscriptions/…/resourceGroups/…/providers/…',
    })
    .describe('The resource whose metric holds the lag.'),
  metric: z.string().min(1).max(200).describe('Metric name, e.g. "ReplicationLatency" or "replication_lag".'),
  namespace: z.string().min(1).optional().describe("Metric namespace, when not the resource type's default."),
  aggregation: z.enum(METRIC_AGGREGATIONS).default('Maximum').describe('Aggregation read (default Maximum).'),
  unit: unitSchema,
});

export const replicationCheckSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).describe('Unique within the workload, e.g. "orders-db".'),
    http: httpSourceSchema.optional().describe('Read the lag from an HTTP JSON endpoint.'),
    azureMonitor: azureMonitorSourceSchema
      .optional()
      .describe('Read the lag from an Azure Monitor metric (managed identity, Monitoring Reader).'),
    warnAt: durationSchema(
      `Lag that degrades readiness (default ${DEFAULT_WARN_FRACTION * 100}% of the RPO).`,
    ).optional(),
    failAt: durationSchema(
      `Lag that makes the secondary not ready (default ${DEFAULT_FAIL_FRACTION * 100}% of the RPO).`,
    ).optional(),
  })
  .refine((check) => (check.http === undefined) !== (check.azureMonitor === undefined), {
    error: 'Give exactly one source: http or azureMonitor',
  })
  .refine(
    (check) => check.warnAt === undefined || check.failAt === undefined || check.warnAt <= check.failAt,
    {
      error: 'warnAt must not be above failAt',
      path: ['warnAt'],
    },
  )
  .transform(({ name, http, azureMonitor, warnAt, failAt }) => ({
    name,
    source: http
      ? ({ kind: 'http', ...http } as const)
      : ({ kind: 'azure-monitor', ...(azureMonitor as z.output<typeof azureMonitorSourceSchema>) } as const),
    ...definedOnly({ warnAtSeconds: warnAt, failAtSeconds: failAt }),
  }));
export type ReplicationCheck = z.output<typeof replicationCheckSchema>;
export type LagSource = ReplicationCheck['source'];

export const replicationChecksSchema = z
  .array(replicationCheckSchema)
  .superRefine((checks, ctx) => {
    const seen = new Set<string>();
    checks.forEach((check, index) => {
      const key = check.name.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `Duplicate replication check name "${check.name}"`,
        });
      }
      seen.add(key);
    });
  })
  .describe('Replication lag sources compared with the RPO (docs/readiness.md).');
