// Secrets in runbooks are references to app settings (`{ secret: NAME }`), resolved when a step runs;
// a value that looks like a credential written into the catalog is rejected.
import { z } from 'zod';

export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]{2,63}$/;

export const SECRET_HINT =
  'write { secret: NAME } and set NAME as an app setting; secrets never go in the catalog';

export const secretReferenceSchema = z
  .strictObject({
    secret: z
      .string()
      .regex(SECRET_NAME_PATTERN, {
        error: (issue) =>
          `Invalid secret name ${JSON.stringify(issue.input)}: expected an app setting name of 3-64 uppercase letters, digits or underscores, starting with a letter`,
      })
      .describe('Name of the app setting that holds the secret, e.g. "ORDERS_AUTOMATION_TOKEN".'),
  })
  .describe('A secret by reference: resolved from the app settings when the step runs.');
export type SecretReference = z.output<typeof secretReferenceSchema>;

export function isSecretReference(value: unknown): value is SecretReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as Record<string, unknown>).secret === 'string'
  );
}

/** Headers whose value is a credential whatever it looks like. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-functions-key',
  'ocp-apim-subscription-key',
  'x-api-key',
  'api-key',
  'apikey',
]);
const CREDENTIAL_NAME = /(secret|token|password|passwd|api-?key|signature|credential)/i;
const CREDENTIAL_VALUE = /^(bearer|basic|digest|sharedaccesssignature|sharedkey|sharedkeylite)\s+\S/i;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;

/** Why a literal header value must be a reference instead, or undefined when it may stay literal. */
export function literalSecretHeaderProblem(name: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (CREDENTIAL_HEADERS.has(name.toLowerCase()) || CREDENTIAL_NAME.test(name)) {
    return `Header "${name}" carries a credential, so its value cannot be written literally: ${SECRET_HINT}`;
  }
  if (CREDENTIAL_VALUE.test(trimmed) || JWT.test(trimmed)) {
    return `The value of header "${name}" looks like a credential: ${SECRET_HINT}`;
  }
  return undefined;
}

/** Query parameters that carry the credential of Logic Apps, Automation webhooks, Functions and SAS URLs. */
const CREDENTIAL_QUERY = new Set([
  'sig',
  'code',
  'token',
  'access_token',
  'api-key',
  'apikey',
  'key',
  'password',
  'secret',
]);

/** Why a literal URL must be a reference instead (it carries a credential), or undefined. */
export function literalSecretUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // the URL schema reports it
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'The URL carries credentials (user:password@): give the whole URL by reference, url: { secret: NAME }, and set NAME as an app setting (they are sent as Authorization: Basic)';
  }
  for (const key of parsed.searchParams.keys()) {
    if (CREDENTIAL_QUERY.has(key.toLowerCase())) {
      return `The URL's query parameter "${key}" carries a credential: give the whole URL by reference, url: { secret: NAME }, and set NAME as an app setting`;
    }
  }
  return undefined;
}

/**
 * Why a URL that can only be written literally (health checks, inline probes) is refused, or undefined:
 * credentials in it would sit in the catalog, which is shown by GET /api/workloads and the printed runbook.
 */
export function urlCredentialsProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // the URL schema reports it
  }
  if (parsed.username === '' && parsed.password === '') {
    return undefined;
  }
  return 'The URL carries credentials (user:password@): health check and probe URLs are written in the catalog, where secrets never go; probe an endpoint that answers without credentials';
}
