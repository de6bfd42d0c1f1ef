import { z } from 'zod';
import {
  durationSchema,
  formatDuration,
  latencySchema,
  parseDurationMs,
  positiveDurationSchema,
} from '../../../../../shared/domain/catalog/duration';

describe('parseDurationMs', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['4h', 14_400_000],
    ['2d', 172_800_000],
    ['500ms', 500],
    ['0s', 0],
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', '15', 'm', '15 m', '1.5h', '-5m', '1h30m', '15M', '15min', ' 15m', '1234567890s'])(
    'rejects %p',
    (text) => {
      expect(parseDurationMs(text)).toBeUndefined();
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [90, '90s'],
    [900, '15m'],
    [7_200, '2h'],
    [172_800, '2d'],
  ])('writes %p seconds as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('durationSchema', () => {
  const schema = durationSchema('RPO.');

  it('yields seconds and accepts zero', () => {
    expect(schema.parse('5m')).toBe(300);
    expect(schema.parse('0s')).toBe(0);
  });

  it('explains what a duration looks like when given garbage', () => {
    const result = schema.safeParse('15 minutes');
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid duration "15 minutes": expected a whole number and a unit (s, m, h or d), e.g. "30s", "15m", "4h", "2d"',
    );
  });

  it('says a bare YAML number is not a duration', () => {
    expect(schema.safeParse(15).error?.issues[0]?.message).toMatch(
      /^Expected a duration: a whole number and a unit/,
    );
  });

  it('does not take milliseconds where whole seconds are meant', () => {
    expect(schema.safeParse('500ms').success).toBe(false);
  });

  it('publishes the pattern and the hint in the JSON Schema', () => {
    expect(z.toJSONSchema(schema, { io: 'input' })).toMatchObject({
      type: 'string',
      pattern: '^(\\d{1,9})(s|m|h|d)$',
      description: expect.stringContaining('RPO. A duration:'),
    });
  });
});

describe('positiveDurationSchema', () => {
  it('rejects zero', () => {
    const result = positiveDurationSchema('Timeout.').safeParse('0m');
    expect(result.error?.issues[0]?.message).toBe('Invalid duration "0m": expected more than zero');
  });
});

describe('latencySchema', () => {
  it('yields milliseconds', () => {
    expect(latencySchema('Latency.').parse('500ms')).toBe(500);
    expect(latencySchema('Latency.').parse('2s')).toBe(2_000);
  });

  it('rejects zero', () => {
    expect(latencySchema('Latency.').safeParse('0ms').success).toBe(false);
  });
});
