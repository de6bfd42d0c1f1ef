import { formatUtcInstant } from '../../../../../../shared/domain/notifications/base/formatUtcInstant';

describe('formatUtcInstant', () => {
  it('writes an instant in UTC to the second, whatever offset it was given in', () => {
    expect(formatUtcInstant('2026-11-22T03:27:05.789Z')).toBe('2026-11-22 03:27:05 UTC');
    expect(formatUtcInstant('2026-11-22T04:27:05+01:00')).toBe('2026-11-22 03:27:05 UTC');
  });

  it('returns text that is not an instant as it is', () => {
    expect(formatUtcInstant('soon')).toBe('soon');
  });
});
