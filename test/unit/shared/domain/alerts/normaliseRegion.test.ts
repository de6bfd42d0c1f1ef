import { normaliseRegion } from '../../../../../shared/domain/alerts/normaliseRegion';

describe('normaliseRegion', () => {
  it.each([
    ['West Europe', 'westeurope'],
    ['westeurope', 'westeurope'],
    [' East US 2 ', 'eastus2'],
    ['Global', 'global'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normaliseRegion(input)).toBe(expected);
  });

  it.each(['', '   ', undefined, null])('returns undefined for %p', (input) => {
    expect(normaliseRegion(input)).toBeUndefined();
  });
});
