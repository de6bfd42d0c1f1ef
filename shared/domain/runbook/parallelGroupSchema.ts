// A parallel group: a step whose branches (each an ordered list of steps) run at the same time, to save
// RTO where services fail over independently. The group ends when every branch has ended; a branch's
// failing step follows its own onFailure (pause pauses that branch only, abort stops the group and the
// runbook). Branches hold steps that do one thing: groups do not nest.
import { z } from 'zod';
import { idSchema } from '../catalog/slug';
import { definedOnly } from '../catalog/definedOnly';
import {
  LEAF_STEP_SCHEMAS,
  leafStepSchema,
  STEP_TYPES,
  unknownStepType,
  type RunbookStep,
} from './runbookStepSchema';

/**
 * Each branch runs as its own orchestration whose history holds all its steps (it never hands over), so a
 * branch is kept as short as one share of a long runbook.
 */
export const MAX_BRANCH_STEPS = 25;
export const MAX_BRANCHES = 10;

const text = (max: number) => z.string().trim().min(1).max(max);

const branchSchema = z.strictObject({
  name: text(200).describe('What the branch fails over, shown above its steps.'),
  steps: z
    .array(leafStepSchema)
    .min(1, { error: 'A branch needs at least one step' })
    .max(MAX_BRANCH_STEPS)
    .describe("The branch's steps, run in this order; no parallel group inside a branch."),
});

export const parallelGroupSchema = z
  .strictObject({
    id: idSchema('Step id, unique within the runbook (branch steps included).'),
    name: text(200).describe('Display name.'),
    type: z.literal('parallel').describe('Runs its branches at the same time.'),
    instructions: text(20_000).optional().describe('Markdown for operators.'),
    branches: z
      .array(branchSchema)
      .min(2, { error: 'A parallel group needs at least two branches' })
      .max(MAX_BRANCHES)
      .describe('The branches, each an ordered list of steps; all run at the same time.'),
  })
  .describe('A parallel group: branches of steps that run at the same time; it ends when every branch has.')
  .transform((group) => ({
    id: group.id,
    name: group.name,
    type: 'parallel' as const,
    ...definedOnly({ instructions: group.instructions }),
    branches: group.branches.map((branch) => ({ name: branch.name, steps: branch.steps })),
  }));

export type ParallelStep = z.output<typeof parallelGroupSchema>;

/** A runbook's steps: those that do one thing and parallel groups of them. */
export const runbookStepSchema = z.discriminatedUnion('type', [...LEAF_STEP_SCHEMAS, parallelGroupSchema], {
  error: unknownStepType(STEP_TYPES),
});

/** Every step of a runbook, those inside parallel groups after their group, with the branch they are in. */
export interface PlacedStep {
  readonly step: RunbookStep;
  /** Set for a step inside a parallel group: the group, the branch's position in it and its name. */
  readonly group?: StepGroup;
}
export interface StepGroup {
  readonly id: string;
  readonly branch: number;
  readonly branchName: string;
}

export function flattenSteps(steps: readonly RunbookStep[]): PlacedStep[] {
  return steps.flatMap((step): PlacedStep[] =>
    step.type === 'parallel'
      ? [
          { step },
          ...step.branches.flatMap((branch, index) =>
            branch.steps.map((inner): PlacedStep => ({
              step: inner,
              group: { id: step.id, branch: index, branchName: branch.name },
            })),
          ),
        ]
      : [{ step }],
  );
}
