// Operator roles and what each one grants: viewers read, operators steer, approvers decide approvals.
import { z } from 'zod';

export const ROLES = ['viewer', 'operator', 'approver'] as const;

export type Role = (typeof ROLES)[number];

/**
 * Roles a role grants besides itself. Operator and approver each imply viewer; neither implies the other,
 * so the people who approve a failover are not automatically the people who run it (and vice versa).
 */
export const IMPLIED_ROLES = {
  viewer: [],
  operator: ['viewer'],
  approver: ['viewer'],
} as const satisfies Record<Role, readonly Role[]>;

export const operatorRoleSchema = z.enum(ROLES, {
  error: (issue) => `Unknown role ${JSON.stringify(issue.input)}: expected viewer, operator or approver`,
});

/** Case-insensitive, for role claims issued by an identity provider ("Operator" is "operator"). */
export function parseRole(value: string): Role | undefined {
  const lower = value.trim().toLowerCase();
  return ROLES.find((role) => role === lower);
}

/** Whether the identity holds `role` directly or through a role that implies it. */
export function hasRole(identity: { readonly roles: readonly Role[] }, role: Role): boolean {
  return identity.roles.some(
    (held) => held === role || (IMPLIED_ROLES[held] as readonly Role[]).includes(role),
  );
}

/** Distinct roles in the canonical order of ROLES, so messages and audit entries read the same every time. */
export function normaliseRoles(roles: Iterable<Role>): Role[] {
  const held = new Set(roles);
  return ROLES.filter((role) => held.has(role));
}
