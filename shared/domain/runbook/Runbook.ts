// A runbook as catalog authors write it (`kind: Runbook` YAML): the ordered steps that fail a workload over or back.
import { z } from 'zod';
import { definedOnly } from '../catalog/definedOnly';
import { idSchema } from '../catalog/slug';
import { runbookStepSchema } from './runbookStepSchema';

export const RUNBOOK_KIND = 'Runbook';

/** Enough for any real runbook; the engine is benchmarked at 200 steps. */
export const MAX_STEPS = 500;

const text = (max: number) => z.string().trim().min(1).max(max);

const runbookFileSchema = z
  .strictObject({
    kind: z.literal(RUNBOOK_KIND).describe('Catalog file kind.'),
    id: idSchema('Runbook id: what workloads refer to in runbooks.failover / runbooks.failback.'),
    name: text(200).describe('Display name.'),
    description: text(2000)
      .optional()
      .describe('What the runbook does and when, for people reading incidents.'),
    workload: idSchema('Id of the workload the runbook belongs to.'),
    steps: z
      .array(runbookStepSchema)
      .min(1, { error: 'A runbook needs at least one step' })
      .max(MAX_STEPS)
      .describe('The steps, run in this order.'),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: `Duplicate step id "${step.id}"`,
        });
      }
      seen.add(step.id);
    });
  })
  .meta({
    title: 'Lifeboat runbook',
    description: 'One runbook of the Lifeboat DR catalog (kind: Runbook). See docs/runbooks.md.',
  });

export const runbookSchema = runbookFileSchema.transform((file) => ({
  id: file.id,
  name: file.name,
  ...definedOnly({ description: file.description }),
  workloadId: file.workload,
  steps: file.steps,
}));

/** A parsed runbook: durations in seconds, retry policies resolved, every default filled. */
export type Runbook = z.output<typeof runbookSchema>;
/** A runbook file as written, before parsing. */
export type RunbookInput = z.input<typeof runbookSchema>;
