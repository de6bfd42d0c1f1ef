// Turns SDK failures into the port's error classes: worth retrying (TransientError) or not.
import { isServiceBusError, MessagingError, type ServiceBusErrorCode } from '@azure/service-bus';
import { ensureErrorType, NonRetryableError, TransientError } from '../../errors';

/** Codes that mean "the service could not take it right now", whatever `retryable` says. */
const TRANSIENT_CODES: ReadonlySet<ServiceBusErrorCode> = new Set<ServiceBusErrorCode>([
  'ServiceBusy',
  'ServiceTimeout',
  'ServiceCommunicationProblem',
]);

/** Service Bus asks clients to back off for this long when it reports that it is busy. */
export const SERVICE_BUSY_RETRY_AFTER_MS = 10_000;

/** `action` says what failed, e.g. `Sending 3 message(s) to "intake"`; the SDK's message follows. */
export function mapServiceBusError(err: unknown, action: string): TransientError | NonRetryableError {
  if (err instanceof TransientError || err instanceof NonRetryableError) {
    return err;
  }
  const cause = ensureErrorType(err);
  if (isServiceBusError(err)) {
    const message = `${action} failed (${err.code}): ${err.message}`;
    if (err.retryable || TRANSIENT_CODES.has(err.code)) {
      const retryAfterMs = err.code === 'ServiceBusy' ? SERVICE_BUSY_RETRY_AFTER_MS : undefined;
      return new TransientError(message, retryAfterMs, { cause });
    }
    return new NonRetryableError(message, { cause });
  }
  const message = `${action} failed: ${cause.message}`;
  if ((err instanceof MessagingError && err.retryable) || isSocketError(err)) {
    return new TransientError(message, undefined, { cause });
  }
  return new NonRetryableError(message, { cause });
}

/**
 * Connection failures (refused, reset, DNS) reach us as errors carrying the failed system call, and
 * the SDK marks some of them not retryable. A namespace that cannot be reached now may be reachable
 * shortly; a wrong host name fails every bounded retry and surfaces anyway.
 */
function isSocketError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'syscall' in err && typeof err.syscall === 'string';
}
