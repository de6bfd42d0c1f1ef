import {
  CRITERIA_DURATION_MAX_MS,
  criteriaDurationSchema,
  parseCriteriaDuration,
} from '../../../../../shared/domain/criteria/criteriaDuration';
import { formatZodIssues } from '../../../../../shared/domain/validation/formatZodIssues';

describe('parseCriteriaDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['2d', 172_800_000],
    ['1d2h3m4s', 93_784_000],
    ['90s', 90_000],
    ['0s', 0],
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseCriteriaDuration(text)).toBe(ms);
  });

  it.each(['', '5', 'm', '5 m', '5min', '5M', '30m1h', '1h1h', '1.5h', '-5m', ' 5m', '5m ', '1h  30m', '1w'])(
    'rejects %p',
    (text) => {
      expect(parseCriteriaDuration(text)).toBeUndefined();
    },
  );
});

describe('criteriaDurationSchema', () => {
  function issues(input: unknown): string[] {
    const result = criteriaDurationSchema.safeParse(input);
    return result.success ? [] : formatZodIssues(result.error.issues).map((issue) => issue.message);
  }

  it('outputs milliseconds', () => {
    expect(criteriaDurationSchema.parse('1h30m')).toBe(5_400_000);
  });

  it('accepts the longest duration, 30 days', () => {
    expect(criteriaDurationSchema.parse('30d')).toBe(CRITERIA_DURATION_MAX_MS);
  });

  it.each([
    [
      '5 min',
      'Invalid duration "5 min": write whole numbers with units d, h, m, s in that order, e.g. 30s, 5m, 1h30m or 2d',
    ],
    ['0s', 'Duration "0s" must be longer than 0s'],
    ['0d0h', 'Duration "0d0h" must be longer than 0s'],
    ['30d1s', 'Duration "30d1s" must be at most 30d'],
    [300, 'Expected a duration such as 30s, 5m, 1h30m or 2d'],
    [null, 'Expected a duration such as 30s, 5m, 1h30m or 2d'],
  ])('rejects %p: %s', (input, message) => {
    expect(issues(input)).toEqual([message]);
  });
});
