// A workload's `approval` block: any field of its tier's default policy it wants to replace.
import { z } from 'zod';
import { definedOnly } from './definedOnly';
import { durationSchema, positiveDurationSchema } from './duration';
import { FINAL_TIMEOUT_OUTCOMES } from './EffectivePolicy';
import { roleSchema } from './slug';

/** Enough for any real approval board; a larger number is almost certainly a typo. */
export const MAX_QUORUM = 20;

const rolesSchema = z.array(roleSchema).min(1);

const escalationLevelSchema = z
  .strictObject({
    roles: rolesSchema.describe('Roles asked in addition to everyone asked before.'),
    timeout: positiveDurationSchema('How long this level waits before the next level or the final outcome.'),
  })
  .transform(({ roles, timeout }) => ({ roles, timeoutSeconds: timeout }));

export const approvalOverridesSchema = z
  .strictObject({
    approverRoles: rolesSchema.optional().describe('Roles asked first (default ["approver"]).'),
    quorum: z
      .int()
      .min(1)
      .max(MAX_QUORUM)
      .optional()
      .describe('Approvals from distinct people needed to activate.'),
    rejectionsToReject: z
      .int()
      .min(1)
      .max(MAX_QUORUM)
      .optional()
      .describe(
        'Rejections from distinct people that reject the activation (default 1: anyone asked can stop it).',
      ),
    approvalTimeout: positiveDurationSchema(
      'How long the approver roles have before the first escalation.',
    ).optional(),
    escalation: z
      .array(escalationLevelSchema)
      .optional()
      .describe('Escalation levels in order; replaces the tier default entirely ([] for none).'),
    finalTimeoutOutcome: z
      .enum(FINAL_TIMEOUT_OUTCOMES)
      .optional()
      .describe('When the last level times out without a quorum: "expire" the request or "auto-activate".'),
    observationWindow: durationSchema(
      'How long an incident is observed before approval is asked ("0s" asks at once).',
    ).optional(),
    notificationCadence: positiveDurationSchema('How often stakeholders get a progress update.').optional(),
  })
  .describe("Overrides of the tier's default approval and activation policy; unset fields keep the default.")
  .transform((block) =>
    definedOnly({
      approverRoles: block.approverRoles,
      quorum: block.quorum,
      rejectionsToReject: block.rejectionsToReject,
      approvalTimeoutSeconds: block.approvalTimeout,
      escalation: block.escalation,
      finalTimeoutOutcome: block.finalTimeoutOutcome,
      observationWindowSeconds: block.observationWindow,
      notificationCadenceSeconds: block.notificationCadence,
    }),
  );

export type ApprovalOverrides = z.output<typeof approvalOverridesSchema>;
