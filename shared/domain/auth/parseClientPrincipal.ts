// Reads the identity App Service authentication (Easy Auth) passes in x-ms-client-principal. Pure: the
// caller decides whether the header can be trusted at all, and a malformed header is an outcome, not a throw.
import { z } from 'zod';
import { formatZodIssues } from '../validation/formatZodIssues';
import { type Identity } from './Identity';
import { normaliseRoles, parseRole, type Role } from './Role';

/** Entra puts app roles in `roles` claims even though role_typ names this URI (azure-functions-host#3898). */
export const ROLE_CLAIM_TYPES = [
  'roles',
  'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
] as const;
const NAME_CLAIM_FALLBACKS = ['name', 'preferred_username'] as const;
const EMAIL_CLAIM_TYPES = [
  'email',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
] as const;
/** Sign-in names that are often, but not always, an address (a UPN); used only when no email claim is present. */
const EMAIL_LIKE_CLAIM_TYPES = [
  'preferred_username',
  'upn',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
] as const;
const EMAIL = z.email();
/** A principal with hundreds of bad claims gets a short reason, not hundreds of lines. */
const MAX_REPORTED_ISSUES = 3;

/** Standard base64 or base64url, optionally padded: what Buffer decodes without silently dropping characters. */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The decoded header: `{ auth_typ, name_typ, role_typ, claims: [{ typ, val }] }`; other fields are ignored. */
const clientPrincipalSchema = z.object({
  auth_typ: z.string().optional(),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })),
});

export type ClientPrincipalResult =
  { readonly ok: true; readonly identity: Identity } | { readonly ok: false; readonly reason: string };

/**
 * Decodes the header the way @azure/functions does (base64 → UTF-8 → JSON object), then validates the shape.
 * Not `request.user`: for an App Service principal it throws when x-ms-client-principal-id, -name or -idp is
 * missing, and it leaves the claims unchecked. Reasons say what was wrong and never echo the header's content.
 * `principalName` is the x-ms-client-principal-name header, the last fallback for the identity's name.
 */
export function parseClientPrincipal(header: string, principalName?: string): ClientPrincipalResult {
  const encoded = header.trim();
  if (encoded === '') {
    return { ok: false, reason: 'the header is empty' };
  }
  if (!BASE64.test(encoded)) {
    return { ok: false, reason: 'the header is not base64' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return { ok: false, reason: 'the header does not decode to JSON' };
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) {
    return { ok: false, reason: 'the header does not decode to a JSON object' };
  }
  const parsed = clientPrincipalSchema.safeParse(decoded);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues)
      .slice(0, MAX_REPORTED_ISSUES)
      .map((issue) => `${issue.path || 'principal'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason: `the principal is not an App Service client principal (${issues})` };
  }

  const { claims, name_typ: nameType, role_typ: roleType } = parsed.data;
  const valuesOf = (types: readonly string[]) =>
    claims
      .filter((claim) => types.includes(claim.typ))
      .map((claim) => claim.val.trim())
      .filter((val) => val !== '');

  const name = [
    ...(nameType === undefined ? [] : valuesOf([nameType])),
    ...valuesOf(NAME_CLAIM_FALLBACKS),
    ...(principalName?.trim() ? [principalName.trim()] : []),
  ][0];
  if (name === undefined) {
    return { ok: false, reason: 'the principal has no name claim' };
  }

  const roles = normaliseRoles(
    valuesOf([...(roleType === undefined ? [] : [roleType]), ...ROLE_CLAIM_TYPES])
      .map(parseRole)
      .filter((role): role is Role => role !== undefined),
  );
  const email = [...valuesOf(EMAIL_CLAIM_TYPES), ...valuesOf(EMAIL_LIKE_CLAIM_TYPES)].find(
    (value) => EMAIL.safeParse(value).success,
  );

  return {
    ok: true,
    identity: { name, ...(email === undefined ? {} : { email }), roles, via: 'app-service-auth' },
  };
}
