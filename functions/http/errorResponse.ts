// The one error body every route returns: `{ error: { code, message, details } }`.
import type { HttpResponseInit } from '@azure/functions';
import type { ValidationIssue } from '../../shared/errors';

export function errorResponse(
  status: number,
  code: string,
  message: string,
  details: readonly ValidationIssue[] = [],
  headers: Record<string, string> = {},
): HttpResponseInit {
  return {
    status,
    jsonBody: { error: { code, message, details } },
    headers: { 'cache-control': 'no-store', ...headers },
  };
}
