// The schedule dialect the local runtime reads, pinned to what the Functions host accepts: six-field
// NCRONTAB in UTC, a day matching both day fields when both are restricted, no Quartz extensions.
import { NcrontabSchedule } from '../../../../local/timers/NcrontabSchedule';

const next = (expression: string, after: string) =>
  new Date(NcrontabSchedule.parse(expression).nextAfter(Date.parse(after)) ?? 0).toISOString();

it('reads six fields, seconds first, in UTC', () => {
  expect(next('0 */5 * * * *', '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:05:00.000Z');
  expect(next('30 0 9 * * *', '2026-01-01T10:00:00.000Z')).toBe('2026-01-02T09:00:30.000Z');
  expect(next('0 0 0 * * Mon', '2026-01-01T00:00:00.000Z')).toBe('2026-01-05T00:00:00.000Z');
});

it('gives the occurrence strictly after the instant', () => {
  expect(next('0 * * * * *', '2026-01-01T00:01:00.000Z')).toBe('2026-01-01T00:02:00.000Z');
});

it('needs both the day of the month and the day of the week when both are restricted', () => {
  // Friday the 13th: the first in 2026 after New Year is in February.
  expect(next('0 0 0 13 * 5', '2026-01-01T00:00:00.000Z')).toBe('2026-02-13T00:00:00.000Z');
});

it('refuses five-field cron and Quartz extensions, naming the expression', () => {
  expect(() => NcrontabSchedule.parse('*/5 * * * *')).toThrow(
    /"\*\/5 \* \* \* \*" has 5 fields; NCRONTAB needs six/,
  );
  expect(() => NcrontabSchedule.parse('0 0 0 L * *')).toThrow(/L, W, # or \?/);
  expect(() => NcrontabSchedule.parse('0 0 0 ? * MON#2')).toThrow(/L, W, # or \?/);
  expect(() => NcrontabSchedule.parse('0 61 * * * *')).toThrow(/is not valid NCRONTAB/);
});
