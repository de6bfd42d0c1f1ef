// A step's `drill:` overrides: what the step does when a drill (not a dry-run) runs it. Either it is skipped,
// with the reason a reader of the drill report needs, or it is pointed at its drill target: another URL, body
// or parameters. Each step type says which of these it takes (`checkDrillOverride`).
import { z } from 'zod';
import { definedOnly } from '../catalog/definedOnly';
import { secretReferenceSchema, type SecretReference } from './secretReference';
import { httpUrlSchema } from './httpRequestSchema';

export const DRILL_OVERRIDE_FIELDS = ['url', 'body', 'parameters'] as const;
export type DrillOverrideField = (typeof DRILL_OVERRIDE_FIELDS)[number];

export const drillOverrideFileSchema = z
  .strictObject({
    skip: z
      .literal(true)
      .optional()
      .describe('Skip this step in a drill (it still appears in a dry-run); give the reason.'),
    reason: z.string().trim().min(1).max(2000).optional().describe('Why the step is skipped in a drill.'),
    url: z
      .union([httpUrlSchema, secretReferenceSchema])
      .optional()
      .describe("The drill target's URL, instead of the step's own (http steps)."),
    body: z.json().optional().describe("The body sent to the drill target, instead of the step's own."),
    parameters: z
      .record(z.string(), z.json())
      .optional()
      .describe("Parameters merged over the step's own in a drill (step types that take parameters)."),
  })
  .superRefine((drill, ctx) => {
    const targets = DRILL_OVERRIDE_FIELDS.filter((field) => drill[field] !== undefined);
    if (drill.skip === true) {
      if (drill.reason === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: 'A step skipped in drills needs a reason',
        });
      }
      for (const field of targets) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `A step skipped in drills has no drill target: leave ${field} out, or drop skip`,
        });
      }
      return;
    }
    if (drill.reason !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason goes with skip: true' });
    }
    if (targets.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `A drill override needs skip: true (with a reason) or a drill target (${DRILL_OVERRIDE_FIELDS.join(', ')})`,
      });
    }
  })
  .describe(
    'What the step does in a drill: skip: true with a reason, or its drill target (url, body, parameters).',
  )
  .transform((drill): DrillOverride =>
    drill.skip === true
      ? { skip: { reason: drill.reason ?? '' } }
      : definedOnly({ url: drill.url, body: drill.body, parameters: drill.parameters }),
  );

/** A parsed override: a skip with its reason, or the fields that replace the step's own in a drill. */
export type DrillOverride =
  | { readonly skip: { readonly reason: string } }
  | {
      readonly skip?: undefined;
      readonly url?: string | SecretReference;
      readonly body?: z.core.util.JSONType;
      readonly parameters?: Record<string, z.core.util.JSONType>;
    };

/** Reports the override fields a step type does not take, at the path catalog authors see. */
export function checkDrillOverride(
  type: string,
  drill: DrillOverride | undefined,
  accepts: readonly DrillOverrideField[],
  ctx: z.RefinementCtx,
): void {
  if (drill === undefined || drill.skip !== undefined) return;
  for (const field of DRILL_OVERRIDE_FIELDS) {
    if (drill[field] !== undefined && !accepts.includes(field)) {
      ctx.addIssue({
        code: 'custom',
        path: ['drill', field],
        message:
          accepts.length === 0
            ? `A ${type} step calls nothing, so it has no drill target: only skip: true with a reason`
            : `A ${type} step's drill target is given by ${accepts.join(', ')}, not ${field}`,
      });
    }
  }
}
