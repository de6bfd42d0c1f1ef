// instantMillis takes a short way for canonical instants; it must agree with the full parser everywhere.
import { parseIsoTimestamp } from '../../../../../shared/domain/alerts/parseIsoTimestamp';
import { instantMillis } from '../../../../../shared/domain/criteria/instantMillis';

function byTheFullParser(iso: string): number {
  const utc = parseIsoTimestamp(iso);
  return utc === undefined ? Number.NaN : Date.parse(utc);
}

describe('instantMillis', () => {
  it.each([
    '2026-11-22T03:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2021-02-29T00:00:00.000Z',
    '2021-02-30T00:00:00.000Z',
    '2021-04-31T00:00:00.000Z',
    '2021-12-31T00:00:00.000Z',
    '2021-01-01T24:00:00.000Z',
    '2021-01-01T23:60:00.000Z',
    '2021-01-01T23:59:60.000Z',
    '2021-00-10T00:00:00.000Z',
    '2021-13-10T00:00:00.000Z',
    '2021-01-00T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '2026-11-22T03:00:00Z',
    '2026-11-22T04:00:00+01:00',
    'not a time',
  ])('agrees with the full parser for %s', (iso) => {
    expect(instantMillis(iso)).toEqual(byTheFullParser(iso));
  });
});
