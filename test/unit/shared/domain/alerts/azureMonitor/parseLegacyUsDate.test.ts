import { parseAzureTimestamp } from '../../../../../../shared/domain/alerts/azureMonitor/azureTimestamp';
import { parseLegacyUsDate } from '../../../../../../shared/domain/alerts/azureMonitor/parseLegacyUsDate';

describe('parseLegacyUsDate', () => {
  it.each([
    ['3/22/2019 1:36:33 PM', '2019-03-22T13:36:33.000Z'],
    ['3/22/2019 1:51:33 PM', '2019-03-22T13:51:33.000Z'],
    ['12/31/2020 11:59:59 PM', '2020-12-31T23:59:59.000Z'],
    ['1/1/2021 12:00:00 AM', '2021-01-01T00:00:00.000Z'],
    ['1/1/2021 12:00:00 PM', '2021-01-01T12:00:00.000Z'],
    ['02/29/2024 07:05:09 am', '2024-02-29T07:05:09.000Z'],
    ['3/22/2019 13:36:33', '2019-03-22T13:36:33.000Z'],
    ['3/22/2019 1:36 PM', '2019-03-22T13:36:00.000Z'],
  ])('reads %p as UTC', (text, iso) => {
    expect(parseLegacyUsDate(text)).toBe(iso);
  });

  it.each([
    '22/3/2019 1:36:33 PM', // day first: month 22 does not exist
    '2/29/2023 1:00:00 PM', // not a leap year
    '3/22/2019 13:36:33 PM', // 13 PM
    '3/22/2019 0:10:00 AM', // 0 AM
    '3/22/2019 1:60:00 PM',
    '2019-03-22T13:36:33Z',
    '',
  ])('rejects %p', (text) => {
    expect(parseLegacyUsDate(text)).toBeUndefined();
  });
});

describe('parseAzureTimestamp', () => {
  it('reads the ISO form with .NET tick precision and the legacy US form', () => {
    expect(parseAzureTimestamp('2019-03-22T13:58:24.3713213Z')).toBe('2019-03-22T13:58:24.371Z');
    expect(parseAzureTimestamp('2019-03-22T13:56:31.2917159+00:00')).toBe('2019-03-22T13:56:31.291Z');
    expect(parseAzureTimestamp('3/22/2019 1:36:31 PM')).toBe('2019-03-22T13:36:31.000Z');
    expect(parseAzureTimestamp('Wed, 21 Aug 2019 16:17:47 GMT')).toBeUndefined();
  });
});
