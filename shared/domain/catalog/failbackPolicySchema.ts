// A workload's `failback` and `rollback` blocks: how a failback is gated (the primary's readiness, a person's
// approval: never automatic, whatever the failover policy) and who may roll a failed failover back.
import { z } from 'zod';
import { MAX_QUORUM } from './approvalOverridesSchema';
import { definedOnly } from './definedOnly';
import { positiveDurationSchema } from './duration';
import { healthCheckSchema } from './healthCheckSchema';
import { roleSchema } from './slug';

const readinessSchema = z
  .strictObject({
    consecutivePasses: z
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe(
        "Rounds in a row in which every primary health check passes (default: the checks' own, at least 3).",
      ),
    interval: positiveDurationSchema('Time between readiness rounds (default 30s).').optional(),
    deadline: positiveDurationSchema(
      'How long the failback waits for the primary to be ready before it ends failback-failed (default 1h).',
    ).optional(),
    checks: z
      .array(healthCheckSchema)
      .max(20)
      .optional()
      .describe(
        'More HTTP checks that must pass with the primary health checks before failing back, e.g. an endpoint that answers 200 once replication back to the primary has caught up.',
      ),
  })
  .describe('When the primary is ready to take the workload back: its health checks pass N rounds in a row.')
  .transform((block) =>
    definedOnly({
      consecutivePasses: block.consecutivePasses,
      intervalSeconds: block.interval,
      deadlineSeconds: block.deadline,
      checks: block.checks,
    }),
  );

export const failbackPolicySchema = z
  .strictObject({
    approverRoles: z
      .array(roleSchema)
      .min(1)
      .optional()
      .describe("Roles asked to approve the failback (default: the failover's approver roles)."),
    quorum: z
      .int()
      .min(1)
      .max(MAX_QUORUM)
      .optional()
      .describe("Approvals from distinct people needed to fail back (default: the failover's quorum)."),
    approvalTimeout: positiveDurationSchema(
      'How long the approvers have; then the failback request expires (never approves itself). Default per tier.',
    ).optional(),
    readiness: readinessSchema.optional(),
  })
  .describe(
    "The failback policy: readiness of the primary and a person's approval, always asked (an auto-activating tier included).",
  )
  .transform((block) =>
    definedOnly({
      approverRoles: block.approverRoles,
      quorum: block.quorum,
      approvalTimeoutSeconds: block.approvalTimeout,
      readiness: block.readiness,
    }),
  );
export type FailbackPolicyOverrides = z.output<typeof failbackPolicySchema>;

export const ROLLBACK_ROLES = ['operator', 'approver'] as const;

export const rollbackPolicySchema = z
  .strictObject({
    role: z
      .enum(ROLLBACK_ROLES)
      .optional()
      .describe('The role that may roll a failed or aborted failover back: operator (default) or approver.'),
  })
  .describe('Who may roll back a failed or aborted failover (actions/rollback).')
  .transform((block) => definedOnly({ role: block.role }));
export type RollbackPolicyOverrides = z.output<typeof rollbackPolicySchema>;
