import { loadConfig } from '../../../../../shared/config';
import { operatorKeysJsonSchema } from '../../../../../shared/domain/auth/operatorKeysSchema';
import { formatZodIssues } from '../../../../../shared/domain/validation/formatZodIssues';
import { ValidationError } from '../../../../../shared/errors';
import { Secret } from '../../../../../shared/Secret';

const ALICE_KEY = 'alice-key-0123456789abcdef';
const BOB_KEY = 'bob-key-0123456789abcdefgh';

function issuesFor(value: unknown): { path: string; message: string }[] {
  const result = operatorKeysJsonSchema.safeParse(typeof value === 'string' ? value : JSON.stringify(value));
  expect(result.success).toBe(false);
  return formatZodIssues(result.error?.issues ?? []);
}

describe('operatorKeysJsonSchema', () => {
  it('parses keys into identities with their key wrapped and roles normalised', () => {
    const keys = operatorKeysJsonSchema.parse(
      JSON.stringify([
        { key: ALICE_KEY, name: ' alice ', email: 'alice@example.com', roles: ['approver', 'operator'] },
        { key: BOB_KEY, name: 'bob', roles: ['viewer', 'viewer'] },
      ]),
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]?.key).toBeInstanceOf(Secret);
    expect(keys[0]?.key.reveal()).toBe(ALICE_KEY);
    expect(keys[0]).toMatchObject({
      name: 'alice',
      email: 'alice@example.com',
      roles: ['operator', 'approver'],
    });
    expect(keys[1]).toMatchObject({ name: 'bob', roles: ['viewer'] });
    expect(JSON.stringify(keys)).not.toContain(ALICE_KEY);
  });

  it('accepts an empty array (keys disabled, e.g. App Service authentication only)', () => {
    expect(operatorKeysJsonSchema.parse('[]')).toEqual([]);
  });

  it('allows two keys for one name, so a key can be rotated', () => {
    const keys = operatorKeysJsonSchema.parse(
      JSON.stringify([
        { key: ALICE_KEY, name: 'alice', roles: ['operator'] },
        { key: BOB_KEY, name: 'alice', roles: ['operator'] },
      ]),
    );
    expect(keys.map((k) => k.name)).toEqual(['alice', 'alice']);
  });

  it('reports text that is not JSON without quoting it', () => {
    const issues = issuesFor(`{"key":"${ALICE_KEY}"`);
    expect(issues).toEqual([
      { path: '', message: expect.stringMatching(/^Not valid JSON; expected an array/) },
    ]);
    expect(JSON.stringify(issues)).not.toContain(ALICE_KEY);
  });

  it('asks for an array when given an object', () => {
    expect(issuesFor({ key: ALICE_KEY, name: 'alice', roles: ['operator'] })).toEqual([
      { path: '', message: 'Invalid input: expected array, received object' },
    ]);
  });

  it('refuses a short key without echoing it', () => {
    const issues = issuesFor([{ key: 'short-secret', name: 'alice', roles: ['operator'] }]);
    expect(issues).toEqual([{ path: '[0].key', message: expect.stringContaining('at least 16 characters') }]);
    expect(JSON.stringify(issues)).not.toContain('short-secret');
  });

  it('refuses a key with spaces without echoing it', () => {
    const issues = issuesFor([{ key: 'has spaces in the secret', name: 'alice', roles: ['operator'] }]);
    expect(issues).toEqual([{ path: '[0].key', message: expect.stringContaining('without spaces') }]);
    expect(JSON.stringify(issues)).not.toContain('has spaces');
  });

  it('names an unknown role and the roles there are', () => {
    expect(issuesFor([{ key: ALICE_KEY, name: 'alice', roles: ['operator', 'admin'] }])).toEqual([
      { path: '[0].roles[1]', message: 'Unknown role "admin": expected viewer, operator or approver' },
    ]);
  });

  it('needs at least one role, a name and a valid email', () => {
    expect(issuesFor([{ key: ALICE_KEY, name: ' ', email: 'not-an-email', roles: [] }])).toEqual([
      { path: '[0].name', message: 'Name the key holder; the name is the actor on timelines' },
      { path: '[0].email', message: 'Invalid email address' },
      { path: '[0].roles', message: 'Give the key at least one role: viewer, operator or approver' },
    ]);
  });

  it('refuses unknown fields, so a misspelt "roles" is not silently ignored', () => {
    expect(issuesFor([{ key: ALICE_KEY, name: 'alice', roles: ['viewer'], role: 'operator' }])).toEqual([
      { path: '[0]', message: 'Unrecognized key: "role"' },
    ]);
  });

  it('refuses the same key twice, naming the positions and not the key', () => {
    const issues = issuesFor([
      { key: ALICE_KEY, name: 'alice', roles: ['operator'] },
      { key: BOB_KEY, name: 'bob', roles: ['viewer'] },
      { key: ALICE_KEY, name: 'carol', roles: ['approver'] },
    ]);
    expect(issues).toEqual([{ path: '[2].key', message: expect.stringContaining('Same key as entry [0]') }]);
    expect(JSON.stringify(issues)).not.toContain(ALICE_KEY);
  });
});

// There is no test/unit/shared/config.test.ts yet; these pin how config.ts reports this schema's errors.
describe('LIFEBOAT_OPERATOR_KEYS through loadConfig', () => {
  function configError(value: string): ValidationError {
    try {
      loadConfig({ LIFEBOAT_OPERATOR_KEYS: value });
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      return err as ValidationError;
    }
    throw new Error('expected loadConfig to throw');
  }

  it('defaults to no keys and no App Service authentication', () => {
    const config = loadConfig({});
    expect(config.operatorKeys).toEqual([]);
    expect(config.trustAppServiceAuth).toBe(false);
  });

  it('parses the setting into operatorKeys whose keys cannot be serialised', () => {
    const config = loadConfig({
      LIFEBOAT_OPERATOR_KEYS: JSON.stringify([{ key: ALICE_KEY, name: 'alice', roles: ['viewer'] }]),
    });
    expect(config.operatorKeys.map((k) => [k.name, k.roles, k.key.reveal()])).toEqual([
      ['alice', ['viewer'], ALICE_KEY],
    ]);
    expect(JSON.stringify(config)).not.toContain(ALICE_KEY);
  });

  it.each([
    ['not JSON', ALICE_KEY, 'LIFEBOAT_OPERATOR_KEYS: Not valid JSON'],
    [
      'a short key',
      JSON.stringify([{ key: 'tooshort-secret', name: 'alice', roles: ['viewer'] }]),
      'LIFEBOAT_OPERATOR_KEYS[0].key: A key needs at least 16 characters',
    ],
    [
      'an unknown role',
      JSON.stringify([{ key: ALICE_KEY, name: 'alice', roles: ['root'] }]),
      'LIFEBOAT_OPERATOR_KEYS[0].roles[0]: Unknown role "root"',
    ],
    [
      'a duplicate key',
      JSON.stringify([
        { key: ALICE_KEY, name: 'alice', roles: ['viewer'] },
        { key: ALICE_KEY, name: 'bob', roles: ['viewer'] },
      ]),
      'LIFEBOAT_OPERATOR_KEYS[1].key: Same key as entry [0]',
    ],
  ])('reports %s by setting and position, without the key', (_what, value, expected) => {
    const err = configError(value);
    expect(err.message).toContain(expected);
    expect(err.details.map((d) => d.path)).toEqual([expect.stringMatching(/^LIFEBOAT_OPERATOR_KEYS/)]);
    for (const secret of [ALICE_KEY, 'tooshort-secret']) {
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify(err.details)).not.toContain(secret);
    }
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
  ])('reads LIFEBOAT_TRUST_APP_SERVICE_AUTH=%p as %p', (value, expected) => {
    expect(loadConfig({ LIFEBOAT_TRUST_APP_SERVICE_AUTH: value }).trustAppServiceAuth).toBe(expected);
  });

  it('refuses a LIFEBOAT_TRUST_APP_SERVICE_AUTH that is not true or false', () => {
    expect(() => loadConfig({ LIFEBOAT_TRUST_APP_SERVICE_AUTH: 'yes' })).toThrow(
      'LIFEBOAT_TRUST_APP_SERVICE_AUTH: Expected true or false',
    );
  });
});
