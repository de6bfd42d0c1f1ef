// How SDK failures become the port's error classes.
import { MessagingError, ServiceBusError } from '@azure/service-bus';
import { NonRetryableError, TransientError } from '../../../../shared/errors';
import {
  mapServiceBusError,
  SERVICE_BUSY_RETRY_AFTER_MS,
} from '../../../../shared/adapters/servicebus/mapServiceBusError';

const ACTION = 'Sending 1 message(s) to Service Bus entity "intake"';

describe('mapServiceBusError', () => {
  it.each(['ServiceBusy', 'ServiceTimeout', 'ServiceCommunicationProblem'] as const)(
    'treats %s as transient, keeping the SDK error as cause',
    (code) => {
      const sdkError = new ServiceBusError('the service hiccuped', code);
      sdkError.retryable = false; // The code decides, whatever the flag says.

      const mapped = mapServiceBusError(sdkError, ACTION);

      expect(mapped).toBeInstanceOf(TransientError);
      expect(mapped.message).toBe(`${ACTION} failed (${code}): the service hiccuped`);
      expect(mapped.cause).toBe(sdkError);
    },
  );

  it('asks for the documented back-off when the service is busy', () => {
    const mapped = mapServiceBusError(new ServiceBusError('busy', 'ServiceBusy'), ACTION);

    expect(mapped).toBeInstanceOf(TransientError);
    expect((mapped as TransientError).retryAfterMs).toBe(SERVICE_BUSY_RETRY_AFTER_MS);
  });

  it('treats any ServiceBusError flagged retryable as transient', () => {
    const sdkError = new ServiceBusError('link detached', 'GeneralError');
    sdkError.retryable = true;

    expect(mapServiceBusError(sdkError, ACTION)).toBeInstanceOf(TransientError);
  });

  it.each(['MessagingEntityNotFound', 'UnauthorizedAccess', 'MessageSizeExceeded', 'QuotaExceeded'] as const)(
    'treats %s as not retryable',
    (code) => {
      const sdkError = new ServiceBusError('no', code);
      sdkError.retryable = false;

      const mapped = mapServiceBusError(sdkError, ACTION);

      expect(mapped).toBeInstanceOf(NonRetryableError);
      expect(mapped.message).toContain(`(${code})`);
    },
  );

  it('treats a socket-level failure as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5671'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      errno: -111,
    });

    expect(mapServiceBusError(refused, ACTION)).toBeInstanceOf(TransientError);
  });

  it('follows the retryable flag of a plain MessagingError', () => {
    const retryable = new MessagingError('try again');
    const final = new MessagingError('give up');
    final.retryable = false;

    expect(mapServiceBusError(retryable, ACTION)).toBeInstanceOf(TransientError);
    expect(mapServiceBusError(final, ACTION)).toBeInstanceOf(NonRetryableError);
  });

  it('treats anything else as not retryable and passes port errors through', () => {
    const portError = new TransientError('already mapped');

    expect(mapServiceBusError(new TypeError('bad argument'), ACTION)).toBeInstanceOf(NonRetryableError);
    expect(mapServiceBusError('a string', ACTION).message).toBe(`${ACTION} failed: a string`);
    expect(mapServiceBusError(portError, ACTION)).toBe(portError);
  });
});
