import { parseClientPrincipal } from '../../../../../shared/domain/auth/parseClientPrincipal';

const ROLE_URI = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
const EMAIL_URI = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** What App Service authentication sends for an Entra user with app roles (roles arrive as `roles` claims). */
function entraPrincipal(claims: { typ: string; val: string }[]) {
  return { auth_typ: 'aad', name_typ: EMAIL_URI, role_typ: ROLE_URI, claims };
}

describe('parseClientPrincipal', () => {
  it('reads the name from name_typ and roles from `roles` claims although role_typ names the role URI', () => {
    const header = encode(
      entraPrincipal([
        { typ: 'name', val: 'Alice Example' },
        { typ: EMAIL_URI, val: 'alice@example.com' },
        { typ: 'roles', val: 'Approver' },
        { typ: 'roles', val: 'operator' },
        { typ: 'roles', val: 'Some.Other.Role' },
      ]),
    );
    expect(parseClientPrincipal(header)).toEqual({
      ok: true,
      identity: {
        name: 'alice@example.com',
        email: 'alice@example.com',
        roles: ['operator', 'approver'],
        via: 'app-service-auth',
      },
    });
  });

  it('reads roles from whatever claim type role_typ names', () => {
    const header = encode({
      auth_typ: 'custom',
      name_typ: 'sub',
      role_typ: 'groups-as-roles',
      claims: [
        { typ: 'sub', val: 'svc-dr-bot' },
        { typ: 'groups-as-roles', val: 'viewer' },
        { typ: ROLE_URI, val: 'operator' },
      ],
    });
    const result = parseClientPrincipal(header);
    expect(result.ok && result.identity).toEqual({
      name: 'svc-dr-bot',
      roles: ['viewer', 'operator'],
      via: 'app-service-auth',
    });
  });

  it.each([
    ['the name claim', [{ typ: 'name', val: 'Bob' }], undefined, 'Bob'],
    [
      'preferred_username',
      [{ typ: 'preferred_username', val: 'bob@example.com' }],
      undefined,
      'bob@example.com',
    ],
    ['x-ms-client-principal-name', [], 'bob@contoso.com', 'bob@contoso.com'],
  ])('falls back to %s for the name', (_what, claims, principalName, expected) => {
    const result = parseClientPrincipal(encode(entraPrincipal(claims)), principalName);
    expect(result.ok && result.identity.name).toBe(expected);
  });

  it('takes an address-like preferred_username as the email when there is no email claim', () => {
    const header = encode(
      entraPrincipal([
        { typ: 'name', val: 'Bob' },
        { typ: 'preferred_username', val: 'bob@example.com' },
      ]),
    );
    const result = parseClientPrincipal(header);
    expect(result.ok && result.identity).toEqual({
      name: 'Bob',
      email: 'bob@example.com',
      roles: [],
      via: 'app-service-auth',
    });
  });

  it('accepts base64url, as Buffer does', () => {
    const header = encode(entraPrincipal([{ typ: 'name', val: 'Zoë ~~~ ??>' }]))
      .replaceAll('+', '-')
      .replaceAll('/', '_');
    expect(header).toMatch(/[-_]/);
    const result = parseClientPrincipal(header);
    expect(result.ok && result.identity.name).toBe('Zoë ~~~ ??>');
  });

  it.each([
    ['an empty header', '', 'the header is empty'],
    ['text that is not base64', 'not base64 at all!', 'the header is not base64'],
    [
      'base64 of something that is not JSON',
      Buffer.from('{"claims":[').toString('base64'),
      'the header does not decode to JSON',
    ],
    ['a JSON array', encode([]), 'the header does not decode to a JSON object'],
    ['JSON null', encode(null), 'the header does not decode to a JSON object'],
    [
      'a principal without claims',
      encode({ auth_typ: 'aad', name_typ: 'name' }),
      'the principal is not an App Service client principal (claims: Invalid input: expected array, received undefined)',
    ],
    [
      'a claim without a value',
      encode({ claims: [{ typ: 'name' }] }),
      'the principal is not an App Service client principal (claims[0].val: Invalid input: expected string, received undefined)',
    ],
    [
      'a principal that names nobody',
      encode(entraPrincipal([{ typ: 'roles', val: 'operator' }])),
      'the principal has no name claim',
    ],
  ])('refuses %s with a reason instead of throwing', (_what, header, reason) => {
    expect(parseClientPrincipal(header)).toEqual({ ok: false, reason });
  });

  it('never echoes the header in a reason', () => {
    const header = encode({ claims: 'secret-claims-payload' });
    const result = parseClientPrincipal(header);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret-claims-payload');
    expect(JSON.stringify(result)).not.toContain(header);
  });
});
