// Small helpers for answering raw node:http requests.
import type { ServerResponse } from 'node:http';

export interface PlainResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export function sendPlain(res: ServerResponse, response: PlainResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload: string | Buffer | undefined;
  if (Buffer.isBuffer(response.body) || typeof response.body === 'string') {
    payload = response.body;
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
    // As the app's own responses (functions/http/nosniffHook.ts): JSON is never sniffed into HTML.
    headers['x-content-type-options'] ??= 'nosniff';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

export function jsonError(status: number, code: string, message: string): PlainResponse {
  return { status, body: { error: { code, message, details: [] } } };
}
