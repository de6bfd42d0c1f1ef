// Validates a request's query string against a zod schema, or answers 400 naming each bad parameter.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import { formatZodIssues } from '../../shared/domain/validation/formatZodIssues';
import { errorResponse } from './errorResponse';

export type QueryParse<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: HttpResponseInit };

export function parseQuery<T>(request: HttpRequest, schema: z.ZodType<T>): QueryParse<T> {
  // `code` is the host's function key, not a parameter of the route.
  const params = Object.fromEntries([...request.query.entries()].filter(([name]) => name !== 'code'));
  const parsed = schema.safeParse(params);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  return {
    ok: false,
    response: errorResponse(
      400,
      'invalid_query',
      'The query string is invalid.',
      formatZodIssues(parsed.error.issues),
    ),
  };
}
