// A workload's `match` block: which alerts route to it (resource ids, resource groups, labels, Service Health).
import { z } from 'zod';

const GLOB_HELP = '`*` matches any characters except "/", `**` any characters; case-insensitive.';

const resourceIdGlob = z
  .string()
  .regex(/^[/*]/, {
    error: (issue) =>
      `Invalid resource id pattern ${JSON.stringify(issue.input)}: expected an ARM id such as "/subscriptions/*/resourceGroups/rg-orders-*/**"`,
  })
  .describe(`Glob over ARM resource ids. ${GLOB_HELP}`);

const resourceGroupGlob = z
  .string()
  .regex(/^[^/]+$/, {
    error: (issue) =>
      `Invalid resource group pattern ${JSON.stringify(issue.input)}: expected a name or glob such as "rg-orders-*", without "/"`,
  })
  .describe(`Glob over resource group names, e.g. "rg-orders-*". ${GLOB_HELP}`);

const labelValue = z
  .string({ error: 'Expected a string label value; quote numbers and booleans, e.g. "3" or "true"' })
  .min(1)
  .describe(`Value or glob the alert's label must match. ${GLOB_HELP}`);

export const matchRulesSchema = z
  .strictObject({
    resourceIds: z
      .array(resourceIdGlob)
      .min(1)
      .optional()
      .describe('Alerts whose target resource id matches one of these globs route to the workload.'),
    resourceGroups: z
      .array(resourceGroupGlob)
      .min(1)
      .optional()
      .describe('Alerts on a resource in a matching resource group route to the workload.'),
    labels: z
      .record(z.string().min(1), labelValue)
      .refine((labels) => Object.keys(labels).length > 0, {
        error: 'List at least one label, or leave labels out',
      })
      .optional()
      .describe(
        'Alerts carrying all of these labels route to the workload (Azure Monitor custom properties and Prometheus labels; keys compare case-insensitively).',
      ),
    serviceHealth: z
      .boolean()
      .default(true)
      .describe(
        "Route Service Health events that impact one of the workload's services in its primary region (default true).",
      ),
  })
  .refine(
    (rules) =>
      rules.resourceIds !== undefined || rules.resourceGroups !== undefined || rules.labels !== undefined,
    { error: 'Give at least one of resourceIds, resourceGroups or labels' },
  )
  .describe('Routing rules: an alert routes to the workload when any rule matches.')
  .transform((rules) => ({
    resourceIds: rules.resourceIds ?? [],
    resourceGroups: rules.resourceGroups ?? [],
    labels: rules.labels ?? {},
    serviceHealth: rules.serviceHealth,
  }));
export type MatchRules = z.output<typeof matchRulesSchema>;
