// Who is using the console: a signed session cookie (opened with an operator key on the sign-in page), or,
// in Azure, whatever authenticateOperator accepts (App Service authentication). The same check lets a
// signed-in browser open the report and the printable runbook.
import type { HttpRequest } from '@azure/functions';
import type { Identity } from '../../shared/domain/auth/Identity';
import { hasRole, type Role } from '../../shared/domain/auth/Role';
import { csrfToken, sessionKey, verifySession } from '../../shared/domain/auth/consoleSession';
import type { Secret } from '../../shared/Secret';
import {
  authenticateOperator,
  authorizeOperator,
  keyIdentity,
  type AuthOutcome,
  type OperatorAuthConfig,
} from '../http/authenticateOperator';
import { errorResponse } from '../http/errorResponse';
import { readCookie } from './cookies';

export const SESSION_COOKIE = 'lifeboat_session';

export interface ConsoleAuthConfig extends OperatorAuthConfig {
  /** LIFEBOAT_SIGNING_KEY: sessions and CSRF tokens are derived from it. */
  readonly signingKey?: Secret;
}

export interface ConsoleUser {
  readonly identity: Identity;
  /** The CSRF token every form of this user carries. */
  readonly csrf: string;
  /** Signed in on the sign-in page (and can sign out), rather than by App Service. */
  readonly session: boolean;
}

export type ConsoleUserCheck =
  { readonly ok: true; readonly user: ConsoleUser } | { readonly ok: false; readonly reason: string };

export function consoleUser(
  request: HttpRequest,
  config: ConsoleAuthConfig,
  nowMs: number,
): ConsoleUserCheck {
  if (config.signingKey === undefined) {
    return {
      ok: false,
      reason: 'The console needs LIFEBOAT_SIGNING_KEY (sessions and forms are signed with it).',
    };
  }
  const key = sessionKey(config.signingKey);
  const cookie = readCookie(request, SESSION_COOKIE);
  let reason = 'Sign in with your operator key.';
  if (cookie !== undefined && cookie !== '') {
    const session = verifySession(key, cookie, config.operatorKeys, nowMs);
    if (session.ok) {
      return {
        ok: true,
        user: {
          identity: keyIdentity(session.operatorKey),
          csrf: csrfToken(key, session.payload.n),
          session: true,
        },
      };
    }
    reason = `Sign in again: ${session.reason}.`;
  }
  // App Service authentication (or a Bearer key, for tools): the identity is the binding of its tokens.
  const other = authenticateOperator(request, config);
  if (other.ok) {
    const binding = `${other.identity.via}:${other.identity.name}`;
    return { ok: true, user: { identity: other.identity, csrf: csrfToken(key, binding), session: false } };
  }
  return { ok: false, reason };
}

/** A reader of documents (report, runbook): a console session with the role, or operator credentials. */
export function authorizeReader(
  request: HttpRequest,
  config: ConsoleAuthConfig,
  role: Role = 'viewer',
  nowMs: number = Date.now(),
): AuthOutcome {
  const cookie = readCookie(request, SESSION_COOKIE);
  if (cookie !== undefined && cookie !== '' && config.signingKey !== undefined) {
    const session = verifySession(sessionKey(config.signingKey), cookie, config.operatorKeys, nowMs);
    if (session.ok) {
      const identity = keyIdentity(session.operatorKey);
      return hasRole(identity, role)
        ? { ok: true, identity }
        : {
            ok: false,
            response: errorResponse(
              403,
              'forbidden',
              `This needs the ${role} role; ${identity.name} holds ${identity.roles.join(', ')}.`,
            ),
          };
    }
  }
  return authorizeOperator(request, role, config);
}
