import {
  ConflictError,
  ensureErrorType,
  errorMessage,
  isPermanentError,
  NonRetryableError,
  NotFoundError,
  TransientError,
  ValidationError,
} from '../../../shared/errors';

describe('ensureErrorType', () => {
  it('keeps errors as they are', () => {
    const err = new TransientError('busy', 1000);
    expect(ensureErrorType(err)).toBe(err);
  });

  it('describes thrown strings, numbers, nothing and objects', () => {
    expect(errorMessage('boom')).toBe('boom');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('Unknown error');
    expect(errorMessage({ code: 'E1', detail: { n: 1 } })).toBe('{"code":"E1","detail":{"n":1}}');
  });

  // Regression: JSON.stringify threw "Converting circular structure to JSON" from inside the error path.
  it('does not throw on a circular object and marks the cycle', () => {
    const thrown: Record<string, unknown> = { code: 'E_LOOP' };
    thrown.self = thrown;
    thrown.nested = { back: thrown, list: [thrown] };
    expect(() => ensureErrorType(thrown)).not.toThrow();
    expect(errorMessage(thrown)).toBe(
      '{"code":"E_LOOP","self":"[Circular]","nested":{"back":"[Circular]","list":["[Circular]"]}}',
    );
  });

  it('writes an object seen twice side by side in full (a shared reference is not a cycle)', () => {
    const shared = { id: 1 };
    expect(errorMessage({ a: shared, b: shared })).toBe('{"a":{"id":1},"b":{"id":1}}');
  });

  it('survives bigints and a toJSON that throws', () => {
    expect(errorMessage({ big: 10n })).toBe('{"big":"10n"}');
    const hostile = {
      toJSON() {
        throw new Error('no');
      },
    };
    expect(errorMessage(hostile)).toBe('[object Object]');
  });
});

describe('isPermanentError', () => {
  it('is true for the classes that promise retrying cannot help, false for the others', () => {
    expect(isPermanentError(new NonRetryableError('bad config'))).toBe(true);
    expect(isPermanentError(new ValidationError('bad input'))).toBe(true);
    expect(isPermanentError(new TransientError('busy'))).toBe(false);
    expect(isPermanentError(new NotFoundError('not yet'))).toBe(false);
    expect(isPermanentError(new ConflictError('lost a race'))).toBe(false);
    expect(isPermanentError(new Error('unknown'))).toBe(false);
    expect(isPermanentError('NonRetryableError')).toBe(false);
  });
});
