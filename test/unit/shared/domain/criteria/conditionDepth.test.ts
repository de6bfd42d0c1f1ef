import {
  findTooDeepCondition,
  MAX_CONDITION_DEPTH,
} from '../../../../../shared/domain/criteria/conditionDepth';

function chain(levels: number): unknown {
  let node: unknown = { minSeverity: 'Sev1' };
  for (let level = 1; level < levels; level += 1) {
    node = { all: [{ sustainedFor: '5m' }, node] };
  }
  return node;
}

describe('findTooDeepCondition', () => {
  it(`allows ${MAX_CONDITION_DEPTH} levels`, () => {
    expect(findTooDeepCondition(chain(MAX_CONDITION_DEPTH))).toBeUndefined();
  });

  it('finds the first condition past the limit, in document order', () => {
    expect(findTooDeepCondition(chain(MAX_CONDITION_DEPTH + 1))).toEqual({
      path: ['all', 1, 'all', 1, 'all', 1, 'all', 1, 'all', 1, 'all', 1, 'all', 1, 'all', 0],
      level: 9,
    });
  });

  it('does not count non-condition values or inherited keys', () => {
    expect(findTooDeepCondition('Sev1')).toBeUndefined();
    expect(findTooDeepCondition({ any: 'not a list' })).toBeUndefined();
    expect(findTooDeepCondition(Object.create({ not: chain(20) }))).toBeUndefined();
  });

  it('walks a very deep input without recursion', () => {
    let node: unknown = {};
    for (let level = 0; level < 200_000; level += 1) {
      node = { not: node };
    }
    expect(findTooDeepCondition(node)?.level).toBe(MAX_CONDITION_DEPTH + 1);
  });
});
