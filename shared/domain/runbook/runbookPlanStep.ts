// A runbook step as the catalog's schema produced it, when it is checked again: as it travels in
// orchestration history and as an incident keeps its runbook (so a catalog edit never changes a runbook
// that is running). Checked for the fields the orchestration relies on; the rest comes from the catalog's
// own schema, which produced it.
import { z } from 'zod';
import { RETRY_PRESET_NAMES } from './retryPresets';
import { LEAF_STEP_TYPES, ON_FAILURE_POLICIES, type RunbookStep } from './runbookStepSchema';

const id = z.string().min(1);

const retryPolicyShape = z.object({
  preset: z.enum(RETRY_PRESET_NAMES),
  maxAttempts: z.number().int().positive(),
  firstIntervalSeconds: z.number().positive(),
  backoffCoefficient: z.number().min(1),
  maxIntervalSeconds: z.number().positive(),
});
const planStepShape = z.looseObject({
  id,
  name: id,
  type: z.enum(LEAF_STEP_TYPES),
  timeoutSeconds: z.number().positive(),
  retry: retryPolicyShape,
  onFailure: z.enum(ON_FAILURE_POLICIES),
  durationSeconds: z.number().positive().optional(),
  consecutivePasses: z.number().int().positive().optional(),
  intervalSeconds: z.number().positive().optional(),
  deadlineSeconds: z.number().positive().optional(),
});
const planGroupShape = z.looseObject({
  id,
  name: id,
  type: z.literal('parallel'),
  branches: z.array(z.looseObject({ name: id, steps: z.array(planStepShape).min(1) })).min(1),
});
const planShape = z.union([planStepShape, planGroupShape]);
export const runbookPlanStepSchema = z.custom<RunbookStep>((value) => planShape.safeParse(value).success, {
  error: 'Not a parsed runbook step',
});
