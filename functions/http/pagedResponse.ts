// The answer of a paged listing: 200 `{items, continuationToken?}`, or 400 when the store refuses the
// query (a continuation token it did not issue), 501 when this deployment's store cannot answer it.
import type { HttpResponseInit } from '@azure/functions';
import { ValidationError } from '../../shared/errors';
import { errorResponse } from './errorResponse';

export async function pagedResponse(
  read: () => Promise<{
    readonly items: readonly unknown[];
    readonly continuationToken?: string | undefined;
  }>,
): Promise<HttpResponseInit> {
  try {
    const page = await read();
    return {
      status: 200,
      jsonBody: page.continuationToken
        ? { items: page.items, continuationToken: page.continuationToken }
        : { items: page.items },
      headers: { 'cache-control': 'no-store' },
    };
  } catch (err) {
    if (err instanceof ValidationError) {
      return errorResponse(400, 'invalid_query', err.message, err.details);
    }
    throw err;
  }
}
