// Turns an http step's request as the catalog holds it (secrets by reference) into the request the step
// executor sends (secrets resolved from app settings). A missing setting is named, its value never shown.
import type { ExpectStatus, HttpStepRequest } from '../../ports/StepExecutor';
import type { HttpStep } from './runbookStepSchema';
import { isSecretReference } from './secretReference';

/** Reads one app setting; undefined when it is not set. */
export type SecretLookup = (name: string) => string | undefined;

export type ResolvedRequest =
  { readonly ok: true; readonly request: HttpStepRequest } | { readonly ok: false; readonly reason: string };

export function resolveHttpRequest(
  step: HttpStep,
  idempotencyKey: string,
  secret: SecretLookup,
): ResolvedRequest {
  const { request } = step;
  const missing = request.secretNames.filter((name) => !secret(name));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `not sent: app setting(s) ${missing.join(', ')} not set (the step's secrets are read from app settings)`,
    };
  }
  const value = (v: string | { secret: string }): string =>
    typeof v === 'string' ? v : (secret(v.secret) ?? '');
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(request.headers)) {
    headers[name] = value(header);
  }
  return {
    ok: true,
    request: {
      method: request.method,
      url: value(request.url),
      headers,
      ...(request.body === undefined ? {} : { body: withSecrets(request.body, secret) }),
      expectStatus: toExpectStatus(request.expectStatus),
      timeoutMs: step.timeoutSeconds * 1000,
      idempotencyKey,
    },
  };
}

function withSecrets(body: unknown, secret: SecretLookup): unknown {
  if (isSecretReference(body)) {
    return secret(body.secret);
  }
  if (Array.isArray(body)) {
    return body.map((item) => withSecrets(item, secret));
  }
  if (typeof body === 'object' && body !== null) {
    return Object.fromEntries(Object.entries(body).map(([key, item]) => [key, withSecrets(item, secret)]));
  }
  return body;
}

/** The catalog's status ranges in the executor's terms: a list of codes, or one inclusive range. */
export function toExpectStatus(ranges: readonly { from: number; to: number }[]): ExpectStatus {
  const only = ranges[0];
  if (ranges.length === 1 && only !== undefined && only.from !== only.to) {
    return { min: only.from, max: only.to };
  }
  const codes = new Set<number>();
  for (const range of ranges) {
    for (let code = range.from; code <= range.to; code++) {
      codes.add(code);
    }
  }
  return [...codes].sort((a, b) => a - b);
}
