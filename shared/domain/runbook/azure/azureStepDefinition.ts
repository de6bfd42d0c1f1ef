// What every Azure step type declares besides its fields: the Azure RBAC role its identity needs, for
// errors that say what to grant and for the docs.

export interface AzureRoleRequirement {
  /** The least-privileged built-in role that allows the step's writes and reads. */
  readonly role: string;
  /** The ARM actions the step performs, as they appear in an AuthorizationFailed error. */
  readonly actions: readonly string[];
}

/** The fields a rollback default keeps or renames: a step with another id, name and the opposite effect. */
export interface StepIdentity {
  readonly id: string;
  readonly name: string;
}

/** `undo-<id>`: the id a rollback default takes, kept within the catalog's 63 characters. */
export function rollbackIdentity(step: StepIdentity): StepIdentity {
  return { id: `undo-${step.id}`.slice(0, 63).replace(/-+$/, ''), name: `Undo: ${step.name}`.slice(0, 200) };
}
