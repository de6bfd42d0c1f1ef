// Who is calling an operator route: the name recorded as the actor on timelines, and the roles held.
import { type Role } from './Role';

export interface Identity {
  /** The actor name recorded on incident timelines (a configured key's name, or the signed-in user). */
  readonly name: string;
  readonly email?: string;
  /** Roles held directly, distinct, in ROLES order; use hasRole() to include implied roles. */
  readonly roles: readonly Role[];
  /** How the caller proved it: a configured operator key, or App Service authentication (Easy Auth). */
  readonly via: 'key' | 'app-service-auth';
}
