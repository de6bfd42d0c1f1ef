// Who is calling an operator route and whether they may: operator keys (anywhere) or App Service
// authentication (in Azure, only when trusted). Routes stay `anonymous` at the host; this is the check.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { type Identity } from '../../shared/domain/auth/Identity';
import { type OperatorKey } from '../../shared/domain/auth/operatorKeysSchema';
import { parseClientPrincipal } from '../../shared/domain/auth/parseClientPrincipal';
import { hasRole, type Role } from '../../shared/domain/auth/Role';
import { type ValidationIssue } from '../../shared/errors';
import { errorResponse } from './errorResponse';
import { keyMatches } from './presentedKey';

/** What the check needs from LifeboatConfig (which satisfies it), so handlers pass `container().config`. */
export interface OperatorAuthConfig {
  readonly operatorKeys: readonly OperatorKey[];
  /**
   * Read x-ms-client-principal. Only safe behind App Service authentication, which drops client-supplied
   * x-ms-client-principal* headers and sets its own; anywhere else any caller could forge any identity.
   */
  readonly trustAppServiceAuth: boolean;
}

export type AuthOutcome = { ok: true; identity: Identity } | { ok: false; response: HttpResponseInit };

export const OPERATOR_KEY_HEADER = 'x-lifeboat-key';
export const CLIENT_PRINCIPAL_HEADER = 'x-ms-client-principal';
const CLIENT_PRINCIPAL_NAME_HEADER = 'x-ms-client-principal-name';
const REALM = 'Bearer realm="lifeboat-operators"';

/**
 * The caller's identity, or a 401. An explicit x-lifeboat-key must match. A Bearer token that matches no key
 * may still be an Entra token App Service authentication has already validated, so the client principal is
 * consulted before refusing it.
 */
export function authenticateOperator(request: HttpRequest, auth: OperatorAuthConfig): AuthOutcome {
  const headerKey = request.headers.get(OPERATOR_KEY_HEADER)?.trim();
  if (headerKey !== undefined && headerKey !== '') {
    const identity = identityForKey(headerKey, auth.operatorKeys);
    return identity
      ? { ok: true, identity }
      : unauthenticated(`The ${OPERATOR_KEY_HEADER} header does not match any operator key.`, true);
  }

  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer !== undefined) {
    const identity = identityForKey(bearer, auth.operatorKeys);
    if (identity) return { ok: true, identity };
  }

  const principal = request.headers.get(CLIENT_PRINCIPAL_HEADER);
  if (principal !== null && auth.trustAppServiceAuth) {
    const parsed = parseClientPrincipal(
      principal,
      request.headers.get(CLIENT_PRINCIPAL_NAME_HEADER) ?? undefined,
    );
    return parsed.ok
      ? { ok: true, identity: parsed.identity }
      : unauthenticated(`The App Service client principal could not be read: ${parsed.reason}.`, false, [
          { path: `headers.${CLIENT_PRINCIPAL_HEADER}`, message: parsed.reason },
        ]);
  }

  if (bearer !== undefined) {
    return unauthenticated('The bearer token does not match any operator key.', true);
  }
  const ignored =
    principal === null
      ? ''
      : ` (${CLIENT_PRINCIPAL_HEADER} is ignored: LIFEBOAT_TRUST_APP_SERVICE_AUTH is not enabled)`;
  if (auth.operatorKeys.length === 0 && !auth.trustAppServiceAuth) {
    return unauthenticated(
      `No operator sign-in is configured: set LIFEBOAT_OPERATOR_KEYS or LIFEBOAT_TRUST_APP_SERVICE_AUTH${ignored}.`,
      false,
    );
  }
  const ways = [
    ...(auth.operatorKeys.length > 0
      ? [`an operator key as Authorization: Bearer <key> or the ${OPERATOR_KEY_HEADER} header`]
      : []),
    ...(auth.trustAppServiceAuth ? ['sign in through App Service authentication'] : []),
  ];
  return unauthenticated(`Authentication required: ${ways.join(', or ')}${ignored}.`, false);
}

/** authenticateOperator, then a 403 naming the missing role and the roles held when `required` is not held. */
export function authorizeOperator(
  request: HttpRequest,
  required: Role,
  auth: OperatorAuthConfig,
): AuthOutcome {
  const authenticated = authenticateOperator(request, auth);
  if (!authenticated.ok || hasRole(authenticated.identity, required)) {
    return authenticated;
  }
  const { identity } = authenticated;
  const held = identity.roles.length > 0 ? `holds ${identity.roles.join(', ')}` : 'holds no Lifeboat role';
  const via = identity.via === 'key' ? 'operator key' : 'App Service authentication';
  return {
    ok: false,
    response: errorResponse(
      403,
      'forbidden',
      `This needs the ${required} role; ${identity.name} (${via}) ${held}.`,
    ),
  };
}

/**
 * Every configured key is compared, hashed, in constant time, and the loop never stops early, so the time
 * taken says nothing about which key (if any) matched.
 */
export function identityForKey(presented: string, keys: readonly OperatorKey[]): Identity | undefined {
  let matched: OperatorKey | undefined;
  for (const entry of keys) {
    if (keyMatches(presented, entry.key) && matched === undefined) {
      matched = entry;
    }
  }
  return matched === undefined ? undefined : keyIdentity(matched);
}

/** The identity a configured key stands for (also the console's, for a session opened with that key). */
export function keyIdentity(matched: OperatorKey): Identity {
  return {
    name: matched.name,
    ...(matched.email === undefined ? {} : { email: matched.email }),
    roles: matched.roles,
    via: 'key',
  };
}

function unauthenticated(
  message: string,
  credentialRejected: boolean,
  details: readonly ValidationIssue[] = [],
): AuthOutcome {
  // RFC 6750: error="invalid_token" tells a client that what it sent was refused, not that it sent nothing.
  const challenge = credentialRejected ? `${REALM}, error="invalid_token"` : REALM;
  return {
    ok: false,
    response: errorResponse(401, 'unauthenticated', message, details, { 'www-authenticate': challenge }),
  };
}
