import { compileGlob } from '../../../../../shared/domain/catalog/globPattern';

describe('compileGlob', () => {
  it.each([
    ['rg-orders-*', 'rg-orders-weu', true],
    ['rg-orders-*', 'RG-Orders-WEU', true],
    ['rg-orders-*', 'rg-orders-', true],
    ['rg-orders-*', 'rg-payments-weu', false],
    ['rg-orders-*', 'x-rg-orders-weu', false],
    ['/subscriptions/*/resourcegroups/rg-a/**', '/subscriptions/s1/resourceGroups/rg-a/providers/x/y', true],
    [
      '/subscriptions/*/resourcegroups/rg-a/**',
      '/subscriptions/s1/s2/resourcegroups/rg-a/providers/x',
      false,
    ],
    ['/subscriptions/*/providers/*', '/subscriptions/s1/providers/a/b', false],
    [
      '**/sites/orders-*',
      '/subscriptions/s1/resourcegroups/rg/providers/microsoft.web/sites/orders-weu',
      true,
    ],
    ['orders-api', 'orders-api', true],
    ['orders-api', 'orders-apis', false],
  ])('%p against %p: %p', (glob, value, expected) => {
    expect(compileGlob(glob).test(value)).toBe(expected);
  });

  it('treats regular expression syntax as literal text', () => {
    const regex = compileGlob('a.b+(c)?[d]$^|{1}\\');
    expect(regex.test('a.b+(c)?[d]$^|{1}\\')).toBe(true);
    expect(regex.test('aXbb(c)[d]')).toBe(false);
  });
});
