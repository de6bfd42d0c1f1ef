// The request of an `http` step: an automation endpoint (Automation webhook, Logic App, pipeline, internal API).
import { z } from 'zod';
import { definedOnly } from '../catalog/definedOnly';
import {
  isSecretReference,
  literalSecretHeaderProblem,
  literalSecretUrlProblem,
  SECRET_NAME_PATTERN,
  type SecretReference,
  secretReferenceSchema,
} from './secretReference';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const DEFAULT_HTTP_METHOD = 'POST';

/** An inclusive range of HTTP status codes. */
export interface StatusRange {
  readonly from: number;
  readonly to: number;
}
/** Any 2xx: what automation endpoints answer when they accepted the call. */
export const DEFAULT_EXPECT_STATUS: readonly StatusRange[] = [{ from: 200, to: 299 }];

export function isExpectedStatus(expected: readonly StatusRange[], status: number): boolean {
  return expected.some((range) => status >= range.from && status <= range.to);
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

export const httpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Expected an absolute http:// or https:// URL' })
  .describe('Absolute http:// or https:// URL.');

const statusSchema = z.int().min(100).max(599).describe('An HTTP status code.');

const headerValueSchema = z
  .union([z.string(), secretReferenceSchema])
  .describe('A literal value, or { secret: NAME } for anything confidential.');

const requestFileSchema = z.strictObject({
  method: z
    .enum(HTTP_METHODS)
    .default(DEFAULT_HTTP_METHOD)
    .describe(`HTTP method: ${HTTP_METHODS.join(', ')} (default ${DEFAULT_HTTP_METHOD}).`),
  url: z
    .union([httpUrlSchema, secretReferenceSchema])
    .describe('The endpoint; { secret: NAME } when the URL itself carries a credential (webhooks, SAS).'),
  headers: z
    .record(
      z
        .string()
        .regex(HEADER_NAME, { error: (issue) => `Invalid header name ${JSON.stringify(issue.input)}` }),
      headerValueSchema,
    )
    .optional()
    .describe('Request headers. Credentials only as { secret: NAME }.'),
  body: z
    .json()
    .optional()
    .describe(
      'JSON body. An object { secret: NAME } anywhere in it is replaced by the secret when the step runs.',
    ),
  expectStatus: z
    .union([statusSchema, z.array(statusSchema).min(1)])
    .optional()
    .describe('Status code(s) that count as success (default any 2xx).'),
});

export const httpRequestSchema = requestFileSchema
  .superRefine((request, ctx) => {
    if (typeof request.url === 'string') {
      const problem = literalSecretUrlProblem(request.url);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
      }
    }
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      const problem = typeof value === 'string' ? literalSecretHeaderProblem(name, value) : undefined;
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['headers', name], message: problem });
      }
    }
    if (request.body !== undefined && (request.method === 'GET' || request.method === 'DELETE')) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `A ${request.method} request has no body` });
    }
    for (const { path, name } of bodySecretReferences(request.body, [])) {
      if (!SECRET_NAME_PATTERN.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['body', ...path, 'secret'],
          message: `Invalid secret name ${JSON.stringify(name)}: expected 3-64 uppercase letters, digits or underscores, starting with a letter`,
        });
      }
    }
  })
  .transform((request) => {
    const headers = request.headers ?? {};
    const secretNames = new Set<string>();
    for (const value of [request.url, ...Object.values(headers)]) {
      if (typeof value !== 'string') {
        secretNames.add(value.secret);
      }
    }
    for (const { name } of bodySecretReferences(request.body, [])) {
      secretNames.add(name);
    }
    const expect = request.expectStatus;
    return {
      method: request.method,
      url: request.url,
      headers,
      ...definedOnly({ body: request.body }),
      expectStatus:
        expect === undefined
          ? DEFAULT_EXPECT_STATUS
          : (Array.isArray(expect) ? expect : [expect]).map((status) => ({ from: status, to: status })),
      /** Every app setting the request needs, sorted: checked at start-up, resolved when the step runs. */
      secretNames: [...secretNames].sort(),
    };
  });
export type HttpRequest = z.output<typeof httpRequestSchema>;
export type HeaderValue = string | SecretReference;

export function* bodySecretReferences(
  value: unknown,
  path: (string | number)[],
): Generator<{ path: (string | number)[]; name: string }> {
  if (isSecretReference(value)) {
    yield { path, name: value.secret };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      yield* bodySecretReferences(item, [...path, index]);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      yield* bodySecretReferences(item, [...path, key]);
    }
  }
}
