// The few error classes Lifeboat throws, each carrying its cause, plus helpers to normalise unknowns.

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
  override readonly name = 'NonRetryableError';
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
    message = JSON.stringify(err);
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
