// A runbook as catalog authors write it (`kind: Runbook` YAML): the ordered steps that fail a workload over or back.
import { z } from 'zod';
import { definedOnly } from '../catalog/definedOnly';
import { idSchema } from '../catalog/slug';
import { withDefaultRollbacks } from './azure/defaultRollbacks';
import { runbookStepSchema } from './parallelGroupSchema';

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
      .describe('The steps, run in this order; a parallel group runs its branches at the same time.'),
  })
  .transform((file) => ({ ...file, steps: file.steps.map(withDefaultRollbacks) }))
  .superRefine((file, ctx) => {
    // Unique across the whole runbook: operators address a step inside a branch by its id alone.
    const seen = new Set<string>();
    const check = (id: string, path: (string | number)[]) => {
      if (seen.has(id)) {
        ctx.addIssue({ code: 'custom', path, message: `Duplicate step id "${id}"` });
      }
      seen.add(id);
    };
    // A rollback step is recorded on the incident like any step: its id is unique too.
    const checkRollback = (step: { rollback?: { id: string } }, path: (string | number)[]) => {
      if (step.rollback) check(step.rollback.id, [...path, 'rollback', 'id']);
    };
    file.steps.forEach((step, index) => {
      check(step.id, ['steps', index, 'id']);
      if (step.type === 'parallel') {
        step.branches.forEach((branch, b) =>
          branch.steps.forEach((inner, i) => {
            check(inner.id, ['steps', index, 'branches', b, 'steps', i, 'id']);
            checkRollback(inner, ['steps', index, 'branches', b, 'steps', i]);
          }),
        );
      } else {
        checkRollback(step, ['steps', index]);
      }
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
