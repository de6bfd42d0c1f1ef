import { parseIsoTimestamp } from '../../../../../shared/domain/alerts/parseIsoTimestamp';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2026-11-20T08:13:00Z', '2026-11-20T08:13:00.000Z'],
    ['2026-11-20T08:14:05.1200000Z', '2026-11-20T08:14:05.120Z'],
    // Go writes nanoseconds; the extra digits are truncated, not rounded.
    ['2026-11-20T07:58:00.123999999Z', '2026-11-20T07:58:00.123Z'],
    ['2026-11-20T09:10:00+01:00', '2026-11-20T08:10:00.000Z'],
    ['2026-11-20T02:10:00-05:30', '2026-11-20T07:40:00.000Z'],
    ['2026-11-20t08:13:00z', '2026-11-20T08:13:00.000Z'],
    ['2024-02-29T23:30:00-01:00', '2024-03-01T00:30:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %p', (text, iso) => {
    expect(parseIsoTimestamp(text)).toBe(iso);
  });

  it.each([
    '2026-11-20T08:13:00', // no zone: a local time Lifeboat would have to guess
    '2021-02-30T00:00:00Z', // Date.parse would roll this over to March 2nd
    '2026-11-20T24:00:00Z',
    '2026-11-20',
    '9999-12-31T23:30:00-01:00', // beyond year 9999 once in UTC
    '3/22/2019 1:36:33 PM',
    '',
  ])('rejects %p', (text) => {
    expect(parseIsoTimestamp(text)).toBeUndefined();
  });
});
