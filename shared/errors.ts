// The few error classes Lifeboat throws, each carrying its cause, plus helpers to normalise unknowns.
// What each promises inside an activity (functions/activities/registerActivity.ts keeps the promise, because
// durable-functions' RetryOptions cannot exempt an error type and the host retries every failure):
// - ValidationError, NonRetryableError: permanent. The activity returns a permanent failure through its
//   contract at the first attempt; the orchestration sees it fail without a retry.
// - TransientError: retried by the caller's retry policy. `retryAfterMs` is a hint that only code which
//   schedules its own wait honours (a runbook http step does); Durable retry backoff cannot.
// - NotFoundError, ConflictError: retried like any fault, because in an activity they usually mean a write
//   that has not landed yet or lost a race; an activity that knows better throws NonRetryableError instead.

/** Input that does not satisfy a boundary's contract (HTTP body, queue message, catalog file...). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly details: readonly ValidationIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface ValidationIssue {
  /** Dotted path into the input, e.g. `data.essentials.severity`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The request does not fit the current state (optimistic concurrency, lifecycle transitions). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly current?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A fault that will not go away by retrying (bad configuration, permanent rejection by a target). */
export class NonRetryableError extends Error {
  override readonly name: string = 'NonRetryableError';
}

/** A fault worth retrying (timeouts, 5xx, throttling); `retryAfterMs` is a hint when the peer gave one. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Whether retrying can never help: the activity wrapper turns these into permanent failures. */
export function isPermanentError(err: unknown): err is NonRetryableError | ValidationError {
  return err instanceof NonRetryableError || err instanceof ValidationError;
}

export function ensureErrorType(err: unknown): Error {
  if (err instanceof Error) {
    return err;
  }
  let message: string;
  if (err === undefined || err === null) {
    message = 'Unknown error';
  } else if (typeof err === 'string') {
    message = err;
  } else if (typeof err === 'object') {
    message = describeObject(err);
  } else if (typeof err === 'number' || typeof err === 'boolean' || typeof err === 'bigint') {
    message = `${err}`;
  } else {
    message = `Non-error value of type ${typeof err} was thrown`;
  }
  return new Error(message);
}

export function errorMessage(err: unknown): string {
  return ensureErrorType(err).message;
}

/**
 * JSON of a thrown non-Error object that never throws itself: cycles and values JSON cannot write
 * (bigint, a throwing toJSON) become placeholders instead of a second error that hides the first.
 */
function describeObject(value: object): string {
  const ancestors: unknown[] = [];
  try {
    return (
      JSON.stringify(value, function (this: unknown, _key, item: unknown) {
        if (typeof item === 'bigint') return `${item}n`;
        if (typeof item !== 'object' || item === null) return item;
        // `this` is the object holding `item`: drop the ancestors we have left behind.
        while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
        if (ancestors.includes(item)) return '[Circular]';
        ancestors.push(item);
        return item;
      }) ?? Object.prototype.toString.call(value)
    );
  } catch {
    return Object.prototype.toString.call(value);
  }
}
