// Why fetch failed without a response, in words, and whether trying again may help. Only the error codes
// are used: messages of lower layers are not ours to vouch for (they could echo a header).

export interface NetworkFailure {
  /** "the connection was refused (ECONNREFUSED)". */
  readonly description: string;
  readonly retryable: boolean;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection closed while sending',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CLOSED: 'the connection closed unexpectedly',
  ENOTFOUND: 'the host name did not resolve',
  EAI_AGAIN: 'the host name lookup failed temporarily',
  ETIMEDOUT: 'connecting timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the target stopped responding',
  UND_ERR_BODY_TIMEOUT: 'the target stopped responding',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

export function describeNetworkError(err: unknown): NetworkFailure {
  const code = findErrorCode(err);
  if (code === undefined) {
    // fetch reports a failure on the wire as a TypeError with the socket's error as its cause; a TypeError
    // without one is a request it refused to build (a URL or header it cannot send), which no retry changes.
    if (isTypeErrorWithoutCause(err)) {
      return { description: 'the request could not be sent as given', retryable: false };
    }
    return { description: 'a network error', retryable: true };
  }
  if (code.includes('CERT')) {
    // A certificate that does not verify stays that way for the lifetime of a retry policy.
    return { description: `the TLS certificate was rejected (${code})`, retryable: false };
  }
  const words = DESCRIPTIONS[code] ?? 'a network error';
  return { description: `${words} (${code})`, retryable: true };
}

/** fetch wraps the socket's error as `cause` (an AggregateError when several addresses were tried). */
function findErrorCode(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 5) {
    return undefined;
  }
  if ('code' in err && typeof err.code === 'string') {
    return err.code;
  }
  // Structurally, not `instanceof`: the error may come from another realm.
  if ('errors' in err && Array.isArray(err.errors)) {
    for (const inner of err.errors as unknown[]) {
      const code = findErrorCode(inner, depth + 1);
      if (code !== undefined) {
        return code;
      }
    }
  }
  return 'cause' in err ? findErrorCode(err.cause, depth + 1) : undefined;
}

/** Structurally, not `instanceof`: fetch's errors may come from another realm than this module's. */
function isTypeErrorWithoutCause(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'name' in err &&
    err.name === 'TypeError' &&
    (!('cause' in err) || err.cause === undefined)
  );
}
