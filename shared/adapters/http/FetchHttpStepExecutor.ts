// HttpStepExecutor on fetch: one attempt of an `http` runbook step, sending the step's idempotency key,
// mapped to an outcome that says whether another attempt may help. Retrying is the caller's business.
import { NonRetryableError } from '../../errors';
import {
  HTTP_STEP_METHODS,
  IDEMPOTENCY_KEY_HEADER,
  type HttpStepExecutor,
  type HttpStepFailed,
  type HttpStepOutcome,
  type HttpStepRequest,
} from '../../ports/StepExecutor';
import { describeStatus } from './describeStatus';
import { describeTarget, parseHttpUrl } from './describeTarget';
import { assertValidExpectStatus, describeExpectStatus, matchesExpectStatus } from './expectStatus';
import { formatLatency } from './formatLatency';
import { parseRetryAfter } from './parseRetryAfter';
import { type BoundedExchange, sendBoundedRequest } from './sendBoundedRequest';
import { splitUrlCredentials } from './urlCredentials';

/** How much of a response body an outcome keeps. */
export const BODY_PREVIEW_BYTES = 2 * 1024;

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * Statuses worth another attempt with the same key: the target timed out, throttled or failed, or
 * (409, per the Idempotency-Key draft) is still processing an earlier attempt with this key.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429]);

const USER_AGENT = 'Lifeboat-StepExecutor';

export interface HttpStepExecutorOptions {
  /** Reads Retry-After dates against this clock; `Date.now` by default. */
  readonly now?: () => number;
}

export class FetchHttpStepExecutor implements HttpStepExecutor {
  private readonly now: () => number;

  constructor(options: HttpStepExecutorOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async execute(request: HttpStepRequest): Promise<HttpStepOutcome> {
    assertValidRequest(request);
    const { method } = request;
    const parsed = parseHttpUrl(request.url);
    if (!parsed) {
      return notSent(`${method} request not sent: the step's URL is not an absolute http(s) URL`);
    }
    const { url, authorization } = splitUrlCredentials(parsed);
    const target = describeTarget(method, url);
    if (request.body !== undefined && (method === 'GET' || method === 'HEAD')) {
      return notSent(`${target} not sent: a ${method} request cannot carry a body`);
    }
    const headers = buildHeaders(request);
    if (typeof headers === 'string') {
      return notSent(`${target} not sent: ${headers}`);
    }
    if (authorization !== undefined) {
      if (headers.has('authorization')) {
        return notSent(
          `${target} not sent: the URL carries credentials and the step sets an Authorization header too; keep one of them`,
        );
      }
      headers.set('authorization', authorization);
    }
    const body = request.body === undefined ? undefined : serialiseBody(request.body);
    if (body !== undefined && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    const exchange = await sendBoundedRequest({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { body }),
      timeoutMs: request.timeoutMs,
      maxBodyBytes: BODY_PREVIEW_BYTES,
    });
    return this.toOutcome(target, request, exchange);
  }

  private toOutcome(target: string, request: HttpStepRequest, exchange: BoundedExchange): HttpStepOutcome {
    const { latencyMs } = exchange;
    switch (exchange.kind) {
      case 'timeout':
        return {
          kind: 'failed',
          retryable: true,
          reason: `${target} did not answer within ${formatLatency(request.timeoutMs)}; retryable`,
          latencyMs,
        };
      case 'network': {
        const { description, retryable } = exchange.failure;
        return {
          kind: 'failed',
          retryable,
          reason: `${target} failed after ${formatLatency(latencyMs)}: ${description}; ${retryable ? 'retryable' : 'not retryable'}`,
          latencyMs,
        };
      }
      case 'response':
        break;
    }
    const { status } = exchange;
    const answered = `${target} answered ${describeStatus(status)} after ${formatLatency(latencyMs)}`;
    if (matchesExpectStatus(status, request.expectStatus)) {
      // The target accepted the step; a body cut short by the deadline does not undo that.
      return { kind: 'succeeded', status, latencyMs, bodyPreview: exchange.body };
    }
    const expected = `expected ${describeExpectStatus(request.expectStatus)}`;
    const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
    const retryable = status >= 500 || RETRYABLE_STATUSES.has(status);
    const failed: HttpStepFailed = {
      kind: 'failed',
      retryable,
      reason: `${answered}${redirect}, ${expected}; ${retryable ? 'retryable' : 'not retryable'}`,
      status,
      latencyMs,
      bodyPreview: exchange.body,
    };
    if (!retryable) {
      return failed;
    }
    const retryAfterMs = parseRetryAfter(exchange.headers.get('retry-after'), this.now());
    if (retryAfterMs === undefined) {
      return failed;
    }
    return {
      ...failed,
      reason: `${failed.reason}; the target asked to wait ${formatLatency(retryAfterMs)}`,
      retryAfterMs,
    };
  }
}

/** Programming errors: the runbook schema and the caller guarantee these. */
function assertValidRequest(request: HttpStepRequest): void {
  if (!HTTP_STEP_METHODS.includes(request.method)) {
    throw new NonRetryableError(`Unsupported HTTP step method "${String(request.method)}".`);
  }
  assertValidExpectStatus(request.expectStatus);
  if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) {
    throw new NonRetryableError('Invalid timeoutMs: expected a positive number of milliseconds.');
  }
  const key = request.idempotencyKey;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x20-\x7e]+$/.test(key)) {
    throw new NonRetryableError(
      `Invalid idempotency key: expected 1–${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters.`,
    );
  }
}

/** RFC 9110 field names and values (no CR, LF or NUL). Values are never repeated in the message. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The request's headers plus Lifeboat's own, or why they cannot be sent. */
function buildHeaders(request: HttpStepRequest): Headers | string {
  const headers = new Headers({ 'user-agent': USER_AGENT });
  for (const [name, value] of Object.entries(request.headers)) {
    if (!TOKEN.test(name)) {
      return 'a header name is not a valid HTTP field name';
    }
    if (!FIELD_VALUE.test(value)) {
      return `the value of header "${name}" is not a valid HTTP field value`;
    }
    try {
      headers.set(name, value);
    } catch {
      return `the value of header "${name}" is not a valid HTTP field value`;
    }
  }
  // Ours wins over any the step declared: the key must be the one derived from incident and step.
  headers.set(IDEMPOTENCY_KEY_HEADER, formatIdempotencyKey(request.idempotencyKey));
  return headers;
}

/** The draft defines the value as a Structured Field string: quoted, with `"` and `\` escaped. */
export function formatIdempotencyKey(key: string): string {
  return `"${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function serialiseBody(body: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (err) {
    throw new NonRetryableError('The step body cannot be serialised as JSON.', { cause: err });
  }
  if (json === undefined) {
    throw new NonRetryableError('The step body cannot be serialised as JSON.');
  }
  return json;
}

function notSent(reason: string): HttpStepFailed {
  return { kind: 'failed', retryable: false, reason, latencyMs: 0 };
}
