// One HTTP exchange as data: a deadline over the whole exchange, redirects returned rather than followed,
// a bounded body read, and failures without a response classified instead of thrown.
import { describeNetworkError, type NetworkFailure } from './describeNetworkError';
import { readBoundedText } from './readBoundedText';

export interface BoundedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

export type BoundedExchange =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Headers;
      readonly body: string;
      readonly bodyTruncated: boolean;
      /** The body stopped before its end or the limit: the deadline passed, or the connection dropped. */
      readonly bodyFailure?: 'timeout' | 'network';
      readonly latencyMs: number;
    }
  | { readonly kind: 'timeout'; readonly latencyMs: number }
  | { readonly kind: 'network'; readonly failure: NetworkFailure; readonly latencyMs: number };

export async function sendBoundedRequest(request: BoundedRequest): Promise<BoundedExchange> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (err) {
    if (isTimeout(err)) {
      return { kind: 'timeout', latencyMs: elapsed() };
    }
    return { kind: 'network', failure: describeNetworkError(err), latencyMs: elapsed() };
  }
  const read = await readBoundedText(response.body, request.maxBodyBytes);
  const bodyFailure = read.error === undefined ? undefined : isTimeout(read.error) ? 'timeout' : 'network';
  return {
    kind: 'response',
    status: response.status,
    headers: response.headers,
    body: read.text,
    bodyTruncated: read.truncated,
    ...(bodyFailure ? { bodyFailure } : {}),
    latencyMs: elapsed(),
  };
}

/**
 * AbortSignal.timeout rejects with a DOMException named TimeoutError, before and after the headers.
 * Checked by name: the DOMException may come from another realm (test environments) than `Error`.
 */
function isTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'name' in err && err.name === 'TimeoutError';
}
