import { formatDuration } from '../../../../../shared/domain/wording/formatDuration';

describe('formatDuration', () => {
  it.each([
    [0, '0s', '0 seconds'],
    [999, '0s', '0 seconds'],
    [1_000, '1s', '1 second'],
    [370_000, '6m 10s', '6 minutes 10 seconds'],
    [370_999, '6m 10s', '6 minutes 10 seconds'],
    [600_000, '10m', '10 minutes'],
    [5_400_000, '1h 30m', '1 hour 30 minutes'],
    [3_600_000 + 5_000, '1h 5s', '1 hour 5 seconds'],
    [172_800_000, '2d', '2 days'],
    [93_784_000, '1d 2h 3m 4s', '1 day 2 hours 3 minutes 4 seconds'],
  ])('writes %p ms as %p / %p', (ms, short, long) => {
    expect(formatDuration(ms)).toBe(short);
    expect(formatDuration(ms, 'long')).toBe(long);
  });

  it.each([-5_000, Number.NaN, Number.POSITIVE_INFINITY])('writes %p as 0s', (ms) => {
    expect(formatDuration(ms)).toBe('0s');
  });
});
