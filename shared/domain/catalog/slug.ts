// Catalog identifiers (workload ids, runbook ids, contact roles): lowercase slugs that read well in URLs and YAML.
import { z } from 'zod';

export const ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;
export const ROLE_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

/** A workload or runbook id: 2–63 characters, lowercase letters, digits and dashes, starting with a letter. */
export function idSchema(description: string) {
  return z
    .string()
    .regex(ID_PATTERN, {
      error: (issue) =>
        `Invalid id ${JSON.stringify(issue.input)}: expected 2-63 lowercase letters, digits or dashes, starting with a letter`,
    })
    .describe(description);
}

export function invalidRoleMessage(input: unknown): string {
  return `Invalid role ${JSON.stringify(input)}: expected lowercase letters, digits or dashes, starting with a letter`;
}

/** A contact role such as "approver", "deputy" or "sre-oncall". */
export const roleSchema = z
  .string()
  .regex(ROLE_PATTERN, { error: (issue) => invalidRoleMessage(issue.input) })
  .describe('A contact role, e.g. "approver", "deputy", "executive", "sre-oncall".');
