import { closestKey } from '../../../../../shared/domain/criteria/closestKey';

const KNOWN = ['minSeverity', 'alertCount', 'distinctResources', 'sustainedFor', 'any', 'all', 'not'];

describe('closestKey', () => {
  it.each([
    ['minSeverty', 'minSeverity'],
    ['minseverity', 'minSeverity'],
    ['alertcount', 'alertCount'],
    ['sustainFor', 'sustainedFor'],
    ['nott', 'not'],
  ])('suggests %p for %p', (typed, expected) => {
    expect(closestKey(typed, KNOWN)).toBe(expected);
  });

  it('suggests nothing when no key is within two edits', () => {
    expect(closestKey('cpuAbove', KNOWN)).toBeUndefined();
  });
});
