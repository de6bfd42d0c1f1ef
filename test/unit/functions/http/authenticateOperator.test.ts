import { HttpRequest, type HttpResponseInit } from '@azure/functions';
import {
  type AuthOutcome,
  authenticateOperator,
  authorizeOperator,
  type OperatorAuthConfig,
} from '../../../../functions/http/authenticateOperator';
import { type Role } from '../../../../shared/domain/auth/Role';
import { Secret } from '../../../../shared/Secret';

const ALICE_KEY = 'alice-operator-key-0123456789';
const VERA_KEY = 'vera-viewer-key-0123456789ab';
const ANN_KEY = 'ann-approver-key-0123456789a';

const keys: OperatorAuthConfig['operatorKeys'] = [
  { key: new Secret(ALICE_KEY), name: 'alice', email: 'alice@example.com', roles: ['operator', 'approver'] },
  { key: new Secret(VERA_KEY), name: 'vera', roles: ['viewer'] },
  { key: new Secret(ANN_KEY), name: 'ann', roles: ['approver'] },
];
const keysOnly: OperatorAuthConfig = { operatorKeys: keys, trustAppServiceAuth: false };
const withAppServiceAuth: OperatorAuthConfig = { operatorKeys: keys, trustAppServiceAuth: true };

const ROLE_URI = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
const principalHeader = (claims: { typ: string; val: string }[]) =>
  Buffer.from(JSON.stringify({ auth_typ: 'aad', name_typ: 'name', role_typ: ROLE_URI, claims })).toString(
    'base64',
  );
const PRINCIPAL_OPERATOR = principalHeader([
  { typ: 'name', val: 'Olga Operator' },
  { typ: 'roles', val: 'operator' },
]);

function request(headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost:7071/api/incidents/orders-api-20250101-000000/actions/pause',
    headers,
  });
}

function responseOf(outcome: AuthOutcome): HttpResponseInit {
  if (outcome.ok) throw new Error(`expected a refusal, got ${outcome.identity.name}`);
  return outcome.response;
}

function errorOf(outcome: AuthOutcome): { code: string; message: string; details: unknown[] } {
  return (responseOf(outcome).jsonBody as { error: { code: string; message: string; details: unknown[] } })
    .error;
}

describe('authenticateOperator with operator keys', () => {
  it.each([
    ['Authorization: Bearer', { authorization: `Bearer ${ALICE_KEY}` }],
    ['a lowercase bearer scheme', { authorization: `bearer ${ALICE_KEY}` }],
    ['x-lifeboat-key', { 'x-lifeboat-key': ALICE_KEY }],
  ])('maps a valid key sent as %s to its identity', (_how, headers) => {
    expect(authenticateOperator(request(headers), keysOnly)).toEqual({
      ok: true,
      identity: { name: 'alice', email: 'alice@example.com', roles: ['operator', 'approver'], via: 'key' },
    });
  });

  it('finds the identity of a key that is not the first', () => {
    const outcome = authenticateOperator(request({ authorization: `Bearer ${ANN_KEY}` }), keysOnly);
    expect(outcome).toEqual({ ok: true, identity: { name: 'ann', roles: ['approver'], via: 'key' } });
  });

  it('refuses a request without credentials with 401 and a Bearer challenge', () => {
    const response = responseOf(authenticateOperator(request(), keysOnly));
    expect(response.status).toBe(401);
    expect(response.headers).toMatchObject({
      'www-authenticate': 'Bearer realm="lifeboat-operators"',
      'cache-control': 'no-store',
    });
    expect(response.jsonBody).toEqual({
      error: {
        code: 'unauthenticated',
        message:
          'Authentication required: an operator key as Authorization: Bearer <key> or the x-lifeboat-key header.',
        details: [],
      },
    });
  });

  it.each([
    ['a wrong bearer token', { authorization: 'Bearer wrong-key-0123456789abcdef' }, 'bearer token'],
    ['a wrong x-lifeboat-key', { 'x-lifeboat-key': 'wrong-key-0123456789abcdef' }, 'x-lifeboat-key header'],
    ['a prefix of a valid key', { authorization: `Bearer ${ALICE_KEY.slice(0, -1)}` }, 'bearer token'],
  ])('refuses %s with 401 invalid_token', (_what, headers, named) => {
    const outcome = authenticateOperator(request(headers), keysOnly);
    expect(responseOf(outcome).status).toBe(401);
    expect(responseOf(outcome).headers).toMatchObject({
      'www-authenticate': 'Bearer realm="lifeboat-operators", error="invalid_token"',
    });
    expect(errorOf(outcome)).toMatchObject({
      code: 'unauthenticated',
      message: `The ${named} does not match any operator key.`,
    });
  });

  it('does not fall back to a valid bearer token when an explicit x-lifeboat-key is wrong', () => {
    const outcome = authenticateOperator(
      request({ 'x-lifeboat-key': 'wrong-key-0123456789abcdef', authorization: `Bearer ${ALICE_KEY}` }),
      keysOnly,
    );
    expect(responseOf(outcome).status).toBe(401);
  });

  it('does not accept the key in the query string, where it would end up in logs', () => {
    const req = new HttpRequest({ method: 'GET', url: `http://localhost/api/incidents?code=${ALICE_KEY}` });
    expect(responseOf(authenticateOperator(req, keysOnly)).status).toBe(401);
  });

  it('says when nothing is configured to sign operators in', () => {
    const outcome = authenticateOperator(request({ authorization: 'Bearer anything-at-all-12345' }), {
      operatorKeys: [],
      trustAppServiceAuth: false,
    });
    expect(responseOf(outcome).status).toBe(401);
    const noCredentials = authenticateOperator(request(), { operatorKeys: [], trustAppServiceAuth: false });
    expect(errorOf(noCredentials).message).toBe(
      'No operator sign-in is configured: set LIFEBOAT_OPERATOR_KEYS or LIFEBOAT_TRUST_APP_SERVICE_AUTH.',
    );
  });
});

describe('authenticateOperator with App Service authentication', () => {
  it('ignores x-ms-client-principal unless LIFEBOAT_TRUST_APP_SERVICE_AUTH is enabled (it could be forged)', () => {
    const outcome = authenticateOperator(request({ 'x-ms-client-principal': PRINCIPAL_OPERATOR }), keysOnly);
    expect(responseOf(outcome).status).toBe(401);
    expect(errorOf(outcome).message).toContain(
      'x-ms-client-principal is ignored: LIFEBOAT_TRUST_APP_SERVICE_AUTH is not enabled',
    );
  });

  it('maps a trusted client principal to its identity', () => {
    const outcome = authenticateOperator(
      request({ 'x-ms-client-principal': PRINCIPAL_OPERATOR }),
      withAppServiceAuth,
    );
    expect(outcome).toEqual({
      ok: true,
      identity: { name: 'Olga Operator', roles: ['operator'], via: 'app-service-auth' },
    });
  });

  it('uses the principal when the bearer token is an Entra token App Service already validated', () => {
    const outcome = authenticateOperator(
      request({
        authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
        'x-ms-client-principal': PRINCIPAL_OPERATOR,
      }),
      withAppServiceAuth,
    );
    expect(outcome.ok && outcome.identity.via).toBe('app-service-auth');
  });

  it('prefers a matching operator key over the principal', () => {
    const outcome = authenticateOperator(
      request({ authorization: `Bearer ${VERA_KEY}`, 'x-ms-client-principal': PRINCIPAL_OPERATOR }),
      withAppServiceAuth,
    );
    expect(outcome.ok && outcome.identity.name).toBe('vera');
  });

  it.each([
    ['malformed base64', '%%% not base64 %%%', 'the header is not base64'],
    [
      'base64 that is not JSON',
      Buffer.from('{"claims": [').toString('base64'),
      'the header does not decode to JSON',
    ],
    [
      'a principal without claims',
      Buffer.from(JSON.stringify({ auth_typ: 'aad' })).toString('base64'),
      'the principal is not an App Service client principal (claims: Invalid input: expected array, received undefined)',
    ],
  ])('answers %s with 401 and the reason, not a throw', (_what, header, reason) => {
    const outcome = authenticateOperator(request({ 'x-ms-client-principal': header }), withAppServiceAuth);
    expect(responseOf(outcome).status).toBe(401);
    expect(errorOf(outcome)).toEqual({
      code: 'unauthenticated',
      message: `The App Service client principal could not be read: ${reason}.`,
      details: [{ path: 'headers.x-ms-client-principal', message: reason }],
    });
  });

  it('tells an unauthenticated caller about both ways in', () => {
    expect(errorOf(authenticateOperator(request(), withAppServiceAuth)).message).toBe(
      'Authentication required: an operator key as Authorization: Bearer <key> or the x-lifeboat-key header, ' +
        'or sign in through App Service authentication.',
    );
  });
});

describe('authorizeOperator', () => {
  const authorize = (key: string, role: Role) =>
    authorizeOperator(request({ authorization: `Bearer ${key}` }), role, keysOnly);

  it.each([
    ['vera (viewer)', VERA_KEY, 'viewer', true],
    ['vera (viewer)', VERA_KEY, 'operator', false],
    ['vera (viewer)', VERA_KEY, 'approver', false],
    ['ann (approver)', ANN_KEY, 'viewer', true],
    ['ann (approver)', ANN_KEY, 'approver', true],
    ['ann (approver)', ANN_KEY, 'operator', false],
    ['alice (operator, approver)', ALICE_KEY, 'viewer', true],
    ['alice (operator, approver)', ALICE_KEY, 'operator', true],
    ['alice (operator, approver)', ALICE_KEY, 'approver', true],
  ] as const)('%s needing %s: allowed %p', (_who, key, role, allowed) => {
    expect(authorize(key, role).ok).toBe(allowed);
  });

  it('answers a missing role with 403 naming the role needed and the roles held', () => {
    const outcome = authorize(ANN_KEY, 'operator');
    expect(responseOf(outcome).status).toBe(403);
    expect(errorOf(outcome)).toEqual({
      code: 'forbidden',
      message: 'This needs the operator role; ann (operator key) holds approver.',
      details: [],
    });
  });

  it('says when a signed-in user holds no Lifeboat role', () => {
    const header = principalHeader([
      { typ: 'name', val: 'Nadia' },
      { typ: 'roles', val: 'Directory.Reader' },
    ]);
    const outcome = authorizeOperator(
      request({ 'x-ms-client-principal': header }),
      'viewer',
      withAppServiceAuth,
    );
    expect(responseOf(outcome).status).toBe(403);
    expect(errorOf(outcome).message).toBe(
      'This needs the viewer role; Nadia (App Service authentication) holds no Lifeboat role.',
    );
  });

  it('answers an unauthenticated request with 401 before looking at roles', () => {
    expect(responseOf(authorizeOperator(request(), 'viewer', keysOnly)).status).toBe(401);
  });

  it('never puts a key in a response', () => {
    for (const outcome of [
      authorize(ANN_KEY, 'operator'),
      authorizeOperator(request({ authorization: 'Bearer wrong-key-0123456789abcdef' }), 'viewer', keysOnly),
    ]) {
      const body = JSON.stringify(responseOf(outcome));
      for (const key of [ALICE_KEY, VERA_KEY, ANN_KEY, 'wrong-key-0123456789abcdef']) {
        expect(body).not.toContain(key);
      }
    }
  });
});
