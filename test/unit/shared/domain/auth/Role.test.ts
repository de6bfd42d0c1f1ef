import { hasRole, normaliseRoles, parseRole, ROLES, type Role } from '../../../../../shared/domain/auth/Role';

const holding = (...roles: Role[]) => ({ roles });

describe('hasRole', () => {
  it.each([
    [['viewer'], 'viewer', true],
    [['viewer'], 'operator', false],
    [['viewer'], 'approver', false],
    [['operator'], 'viewer', true],
    [['operator'], 'operator', true],
    [['operator'], 'approver', false],
    [['approver'], 'viewer', true],
    [['approver'], 'approver', true],
    [['approver'], 'operator', false],
    [['operator', 'approver'], 'approver', true],
    [[], 'viewer', false],
  ] as const)('%p grants %p: %p', (roles, role, expected) => {
    expect(hasRole(holding(...roles), role)).toBe(expected);
  });
});

describe('parseRole', () => {
  it('accepts the role names in any case, with surrounding spaces', () => {
    expect(parseRole('Operator')).toBe('operator');
    expect(parseRole(' APPROVER ')).toBe('approver');
  });

  it('returns undefined for anything else', () => {
    expect(parseRole('admin')).toBeUndefined();
    expect(parseRole('Lifeboat.Operator')).toBeUndefined();
    expect(parseRole('')).toBeUndefined();
  });
});

describe('normaliseRoles', () => {
  it('removes duplicates and sorts into the order of ROLES', () => {
    expect(normaliseRoles(['approver', 'viewer', 'approver', 'operator'])).toEqual([...ROLES]);
  });
});
