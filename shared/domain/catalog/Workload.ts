// A workload as catalog authors write it (`kind: Workload` YAML) and as the rest of Lifeboat reads it.
import { z } from 'zod';
import { activationCriteriaSchema } from '../criteria/ActivationCriteria';
import { defaultActivationCriteria } from '../criteria/defaultActivationCriteria';
import { approvalOverridesSchema } from './approvalOverridesSchema';
import { checkPolicyStaffing } from './checkPolicyStaffing';
import { channelsSchema, contactsSchema } from './contactsSchema';
import { definedOnly } from './definedOnly';
import { durationSchema, positiveDurationSchema } from './duration';
import { failbackPolicySchema, rollbackPolicySchema } from './failbackPolicySchema';
import { healthChecksSchema } from './healthCheckSchema';
import { matchRulesSchema } from './matchRulesSchema';
import { readinessSettings, readinessSettingsSchema } from './readinessSettingsSchema';
import { regionsSchema } from './regionsSchema';
import { replicationChecksSchema } from './replicationSchema';
import { idSchema } from './slug';
import { tierSchema } from './Tier';

export const WORKLOAD_KIND = 'Workload';

export const DR_STRATEGIES = ['active-active', 'warm-standby', 'cold-standby', 'backup-restore'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

const correlationSchema = z
  .strictObject({
    groupingWindow: positiveDurationSchema(
      "How long after an incident's first alert further alerts join it (default per tier).",
    ).optional(),
  })
  .describe('Alert correlation settings.')
  .transform(({ groupingWindow }) => definedOnly({ groupingWindowSeconds: groupingWindow }));

const runbooksSchema = z
  .strictObject({
    failover: idSchema('Id of the failover runbook.').optional(),
    failback: idSchema('Id of the failback runbook.').optional(),
  })
  .describe("Ids of the workload's runbooks (kind: Runbook files in the catalog); each must exist.");

export const DRILL_APPROVALS = ['required', 'skip'] as const;

const drillsSchema = z
  .strictObject({
    approval: z
      .enum(DRILL_APPROVALS)
      .default('required')
      .describe(
        "Whether a drill asks the workload's approvers (marked as a drill) before its runbook runs (default required), or skips the approval gate.",
      ),
    healthChecks: healthChecksSchema
      .optional()
      .describe(
        "The drill environment's health checks: what a drill's validation and its healthCheck steps (target primary or secondary) probe instead of the workload's own.",
      ),
    every: positiveDurationSchema(
      'How often the workload should be drilled (default per tier: tier 0 30d, tier 1 91d, tier 2 182d, tier 3 365d).',
    ).optional(),
  })
  .describe('Drills: rehearsals of the failover (POST /api/drills) and how often one is due.')
  .transform(({ approval, every, healthChecks }) => ({
    approval,
    ...definedOnly({ everySeconds: every, healthChecks }),
  }));

/** The file's shape; `workloadSchema` adds the checks that span fields and the output form. */
const workloadFileSchema = z
  .strictObject({
    kind: z.literal(WORKLOAD_KIND).describe('Catalog file kind.'),
    id: idSchema('Workload id: what alerts, incidents and the API refer to, e.g. "orders-api".'),
    name: text(200).describe('Display name.'),
    description: text(2000).optional().describe('What the workload does, for people reading incidents.'),
    owner: text(200).optional().describe('Owning team.'),
    tier: tierSchema,
    rto: durationSchema('Recovery time objective: how long the workload may be down.'),
    rpo: durationSchema('Recovery point objective: how much recent data may be lost ("0s" for none).'),
    strategy: z
      .enum(DR_STRATEGIES)
      .describe(
        'How the secondary region is kept: active-active, warm-standby, cold-standby or backup-restore.',
      ),
    regions: regionsSchema,
    services: z
      .array(text(200))
      .min(1)
      .describe('Azure services the workload depends on, as Service Health names them, e.g. "App Service".'),
    match: matchRulesSchema,
    correlation: correlationSchema.optional(),
    contacts: contactsSchema,
    channels: channelsSchema.optional(),
    approval: approvalOverridesSchema.optional(),
    activation: activationCriteriaSchema
      .optional()
      .describe(
        'Activation criteria: which conditions turn an incident into a DR activation (default: docs/activation-criteria.md).',
      ),
    healthChecks: healthChecksSchema.optional(),
    runbooks: runbooksSchema.optional(),
    drills: drillsSchema.optional(),
    readiness: readinessSettingsSchema.optional(),
    replication: replicationChecksSchema.optional(),
    failback: failbackPolicySchema.optional(),
    rollback: rollbackPolicySchema.optional(),
  })
  .meta({
    title: 'Lifeboat workload',
    description: 'One workload of the Lifeboat DR catalog (kind: Workload). See docs/catalog.md.',
  });

/** `readiness:` as written, after checking that a role it names as owners has contacts. */
function ownerRoleWithContacts(
  file: z.output<typeof workloadFileSchema>,
  ctx: z.core.$RefinementCtx<unknown>,
): z.output<typeof readinessSettingsSchema> | undefined {
  const role = file.readiness?.ownerRole;
  if (role !== undefined && !Object.hasOwn(file.contacts, role)) {
    ctx.addIssue({
      code: 'custom',
      path: ['readiness', 'owners'],
      message: `readiness.owners names role "${role}", which has no contacts`,
    });
  }
  return file.readiness;
}

export const workloadSchema = workloadFileSchema
  .transform((file, ctx) => ({
    id: file.id,
    name: file.name,
    ...definedOnly({ description: file.description, owner: file.owner }),
    tier: file.tier,
    rtoSeconds: file.rto,
    rpoSeconds: file.rpo,
    strategy: file.strategy,
    regions: file.regions,
    services: file.services,
    match: file.match,
    correlation: file.correlation ?? {},
    contacts: file.contacts,
    channels: file.channels ?? { teams: true, email: true },
    ...definedOnly({ approval: file.approval }),
    activation: file.activation ?? defaultActivationCriteria,
    healthChecks: file.healthChecks ?? { primary: [], secondary: [] },
    runbooks: file.runbooks ?? {},
    drills: file.drills ?? { approval: 'required' as const },
    readiness: readinessSettings(file.tier, ownerRoleWithContacts(file, ctx)),
    replication: file.replication ?? [],
    ...definedOnly({ failback: file.failback, rollback: file.rollback }),
  }))
  .superRefine(checkPolicyStaffing);

/** A parsed workload: durations in seconds (`rtoSeconds`...), regions normalised, every default filled. */
export type Workload = z.output<typeof workloadSchema>;
/** A workload file as written, before parsing. */
export type WorkloadInput = z.input<typeof workloadSchema>;
