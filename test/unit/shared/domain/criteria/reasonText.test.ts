import { countOf, listText } from '../../../../../shared/domain/criteria/reasonText';

describe('countOf', () => {
  it.each([
    [0, 'alerts'],
    [1, 'alert'],
    [2, 'alerts'],
  ])('writes %p alert(s) as "%p %s"', (count, noun) => {
    expect(countOf(count, 'alert')).toBe(`${count} ${noun}`);
  });
});

describe('listText', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
    [['A', 'B', 'C', 'D', 'E', 'F', 'G'], 'A, B, C, D, E and 2 more'],
  ])('writes %p as %p', (items, text) => {
    expect(listText(items)).toBe(text);
  });
});
