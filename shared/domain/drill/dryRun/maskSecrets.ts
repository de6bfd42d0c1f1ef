// How a dry-run shows a secret it never reads: by the app setting's name. Credential headers are masked by
// name as well, in case a literal value slipped past the catalog's checks.
import { isSecretReference, type SecretReference } from '../../runbook/secretReference';

const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie|x-functions-key|ocp-apim-subscription-key|x-api-key|api-key|apikey)$|secret|token|password|signature|credential/i;

export function maskedSecret(reference: SecretReference): string {
  return `***(app setting ${reference.secret})`;
}

export function maskedValue(value: string | SecretReference): string {
  return typeof value === 'string' ? value : maskedSecret(value);
}

export function maskedHeaders(
  headers: Readonly<Record<string, string | SecretReference>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      typeof value === 'string' && CREDENTIAL_HEADER.test(name) ? '***' : maskedValue(value),
    ]),
  );
}

export function maskedBody(body: unknown): unknown {
  if (isSecretReference(body)) return maskedSecret(body);
  if (Array.isArray(body)) return body.map(maskedBody);
  if (typeof body === 'object' && body !== null) {
    return Object.fromEntries(Object.entries(body).map(([key, item]) => [key, maskedBody(item)]));
  }
  return body;
}
