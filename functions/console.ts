// The operator console under /api/console: server-rendered pages (board, incident, workloads, sign-in), the
// live fragments console.js polls, and the action buttons' form posts, which go through takeOperatorAction
// like the actions API. Every form carries a CSRF token; pages allow scripts from 'self' only.
import {
  app,
  type Cookie,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
} from '@azure/functions';
import * as df from 'durable-functions';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { container } from '../shared/container';
import {
  csrfMatches,
  csrfToken,
  issueSession,
  sameToken,
  SESSION_TTL_SECONDS,
  sessionKey,
} from '../shared/domain/auth/consoleSession';
import { hasRole } from '../shared/domain/auth/Role';
import { formatDuration } from '../shared/domain/wording/formatDuration';
import { INCIDENT_STATUSES, isTerminal, type IncidentStatus } from '../shared/domain/incident/IncidentStatus';
import { ACTION_ROLES, isOperatorAction } from '../shared/domain/incident/operatorActions';
import { TEMPLATES_DIR } from '../shared/templatesDir';
import { takeOperatorAction } from './actions/takeOperatorAction';
import { consoleActions } from './console/consoleActions';
import { consoleUser, SESSION_COOKIE, type ConsoleUser } from './console/consoleAuth';
import { boardRow, drillCard, incidentLiveView, userView, workloadCard } from './console/consoleViews';
import { readinessCard } from './console/readinessCard';
import { drillHistory } from './http/drillHistory';
import { clearedCookie, consoleCookie, readCookie } from './console/cookies';
import { readForm } from './console/readForm';
import { identityForKey } from './http/authenticateOperator';
import { errorResponse } from './http/errorResponse';
import { HTML_SECURITY_HEADERS, renderPage } from './http/htmlResponse';

const CONSOLE = '/api/console';
const SIGN_IN_COOKIE = 'lifeboat_sign_in';
const SIGN_IN_TTL_SECONDS = 15 * 60;
/** How often live regions refresh: often enough to watch a step run, rare enough for a phone on 3G. */
const POLL_MS = 3000;
const RECENT = 20;
const OPEN_STATUSES = INCIDENT_STATUSES.filter((s) => !isTerminal(s));

/** The approval pages' headers, with scripts and fetches from this origin allowed (console.js). */
const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  ...HTML_SECURITY_HEADERS,
  'content-security-policy':
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function page(status: number, name: string, view: object, cookies: Cookie[] = []): HttpResponseInit {
  return {
    status,
    body: renderPage(name, view),
    headers: { ...CONSOLE_HEADERS },
    ...(cookies.length ? { cookies } : {}),
  };
}

function messagePage(status: number, heading: string, message: string, user?: ConsoleUser, back?: string) {
  return page(status, 'console-message', {
    title: heading,
    heading,
    message,
    back: back ?? '',
    ...(user ? { user: userView(user) } : {}),
  });
}

function now(): Date {
  return container().now();
}

/**
 * The signed-in user, or the answer for someone who is not: pages go to sign-in and come back; fragments
 * (polled by the page's script) get a 401; a form posted after the session ended goes to sign-in, which says
 * the action was not taken, and then back to `formPage`, the page the form was on.
 */
function signedIn(
  request: HttpRequest,
  kind: 'page' | 'fragment' | { readonly formPage: string },
): { user: ConsoleUser } | { response: HttpResponseInit } {
  const check = consoleUser(request, container().config, now().getTime());
  if (check.ok) return { user: check.user };
  if (kind === 'fragment') return { response: errorResponse(401, 'unauthenticated', check.reason) };
  const url = new URL(request.url);
  const query =
    kind === 'page'
      ? `next=${encodeURIComponent(url.pathname + url.search)}`
      : `next=${encodeURIComponent(kind.formPage)}&reason=${SESSION_ENDED}`;
  return {
    response: {
      status: 303,
      headers: { location: `${CONSOLE}/sign-in?${query}`, 'cache-control': 'no-store' },
    },
  };
}

/** The sign-in page's `reason` when a form came in after the session ended. */
const SESSION_ENDED = 'session-ended';

async function boardView(request: HttpRequest) {
  const url = new URL(request.url);
  const workload = url.searchParams.get('workload') || undefined;
  const statusParam = url.searchParams.get('status') || undefined;
  const status = INCIDENT_STATUSES.find((s) => s === statusParam);
  const store = container().incidentStore();
  const at = now();
  const filter = { ...(workload ? { workloadId: workload } : {}) };
  const openStatuses: IncidentStatus[] = status ? (isTerminal(status) ? [] : [status]) : [...OPEN_STATUSES];
  const open = openStatuses.length
    ? (await store.list({ limit: 200, status: openStatuses, ...filter })).items
    : [];
  const recent = (
    await store.list({ limit: RECENT + open.length, ...(status ? { status: [status] } : {}), ...filter })
  ).items.filter((i) => isTerminal(i.status));
  const query = new URLSearchParams({
    ...(workload ? { workload } : {}),
    ...(status ? { status } : {}),
  }).toString();
  return {
    open: open.map((i) => boardRow(i, at)),
    recent: recent.slice(0, RECENT).map((i) => boardRow(i, at)),
    asOf: at.toISOString(),
    workloads: container()
      .catalog()
      .workloads.map((w) => ({ id: w.id, name: w.name, selected: w.id === workload })),
    statuses: INCIDENT_STATUSES.map((name) => ({ name, selected: name === status })),
    liveUrl: `${CONSOLE}/board/rows${query ? `?${query}` : ''}`,
    pollMs: POLL_MS,
  };
}

export async function consoleBoard(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = signedIn(request, 'page');
  if ('response' in auth) return auth.response;
  return page(200, 'console-board', {
    title: 'Board',
    user: userView(auth.user),
    ...(await boardView(request)),
  });
}

export async function consoleBoardRows(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = signedIn(request, 'fragment');
  if ('response' in auth) return auth.response;
  return page(200, 'console-fragment', { board: await boardView(request) });
}

async function incidentView(id: string, user: ConsoleUser) {
  const store = container().incidentStore();
  const incident = await store.get(id);
  if (incident === undefined) return undefined;
  const timeline = await store.timeline(id);
  const catalog = container().catalog();
  return incidentLiveView(
    incident,
    timeline,
    catalog,
    consoleActions(incident, user.identity, catalog),
    user,
    now(),
  );
}

async function incidentPage(
  id: string,
  user: ConsoleUser,
  status = 200,
  notice?: { kind: 'ok' | 'error'; text: string },
): Promise<HttpResponseInit> {
  const view = await incidentView(id, user);
  if (view === undefined) return messagePage(404, 'Not found', `No incident '${id}'.`, user, CONSOLE);
  return page(status, 'console-incident', {
    title: `${view.workloadName} ${view.id}`,
    user: userView(user),
    incident: view,
    ...view,
    notice: notice ?? false,
    liveUrl: `${CONSOLE}/incidents/${encodeURIComponent(id)}/live`,
    pollMs: POLL_MS,
  });
}

export async function consoleIncident(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = signedIn(request, 'page');
  if ('response' in auth) return auth.response;
  if (!hasRole(auth.user.identity, 'viewer'))
    return messagePage(403, 'Not allowed', 'This needs the viewer role.', auth.user);
  return incidentPage(request.params.id ?? '', auth.user);
}

export async function consoleIncidentLive(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = signedIn(request, 'fragment');
  if ('response' in auth) return auth.response;
  const view = await incidentView(request.params.id ?? '', auth.user);
  if (view === undefined) return errorResponse(404, 'not_found', `No incident '${request.params.id ?? ''}'.`);
  return page(200, 'console-fragment', { incident: view });
}

export async function consoleAction(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const id = request.params.id ?? '';
  const back = `${CONSOLE}/incidents/${encodeURIComponent(id)}`;
  const auth = signedIn(request, { formPage: back });
  if ('response' in auth) return auth.response;
  const { user } = auth;
  const read = await readForm(request);
  if (!read.ok) return messagePage(read.status, 'Form refused', read.message, user, back);
  // The token ties the form to this user's session: a page elsewhere cannot make the browser post it.
  if (!sameToken(read.form.get('csrf') ?? undefined, user.csrf)) {
    return messagePage(
      403,
      'Form refused',
      "The form's security token is missing or wrong: reload the page and try again.",
      user,
      back,
    );
  }
  const action = request.params.action ?? '';
  if (!isOperatorAction(action))
    return messagePage(404, 'Unknown action', `Unknown action '${action}'.`, user, back);
  if (!hasRole(user.identity, ACTION_ROLES[action])) {
    return messagePage(
      403,
      'Not allowed',
      `${action} needs the ${ACTION_ROLES[action]} role; you hold ${user.identity.roles.join(', ') || 'none'}.`,
      user,
      back,
    );
  }
  const comment = (read.form.get('comment') ?? '').replace(/\r\n?/g, '\n').trim();
  if (comment === '' || comment.length > 2000) {
    return incidentPage(id, user, 400, {
      kind: 'error',
      text: 'Say why in the comment (up to 2000 characters); nothing was done.',
    });
  }
  const stepId = read.form.get('stepId')?.trim() || undefined;
  const outcome = await takeOperatorAction(context, {
    incidentId: id,
    action,
    identity: user.identity,
    comment,
    channel: 'console',
    ...(stepId ? { stepId } : {}),
  });
  switch (outcome.kind) {
    case 'accepted':
      return incidentPage(id, user, 200, {
        kind: 'ok',
        text: `${action} accepted.${outcome.note ? ` ${outcome.note}` : ''}`,
      });
    case 'not_found':
      return messagePage(404, 'Not found', outcome.message, user, CONSOLE);
    case 'invalid':
      return incidentPage(id, user, 400, { kind: 'error', text: outcome.message });
    case 'forbidden':
      return incidentPage(id, user, 403, { kind: 'error', text: outcome.message });
    case 'conflict':
    case 'unavailable':
      return incidentPage(id, user, outcome.kind === 'conflict' ? 409 : 501, {
        kind: 'error',
        text: outcome.message,
      });
  }
}

export async function consoleWorkloads(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = signedIn(request, 'page');
  if ('response' in auth) return auth.response;
  const c = container();
  const catalog = c.catalog();
  const now = c.now();
  const workloads = await Promise.all(
    catalog.workloads.map(async (w) => ({
      ...workloadCard(w, catalog),
      ...drillCard((await drillHistory(w)).schedule),
      readiness: readinessCard(w, await c.readinessStore().latest(w.id), now),
    })),
  );
  return page(200, 'console-workloads', { title: 'Workloads', user: userView(auth.user), workloads });
}

/** Where sign-in may send the browser on: console pages only, never another site. */
function safeNext(next: string | null | undefined): string {
  return next && /^\/api\/console(\/|\?|$)/.test(next) && !next.includes('//') && !next.includes('\\')
    ? next
    : CONSOLE;
}

function signInPage(request: HttpRequest, status: number, message: string, next: string): HttpResponseInit {
  const config = container().config;
  if (config.signingKey === undefined) {
    return messagePage(
      503,
      'Console unavailable',
      'The console needs LIFEBOAT_SIGNING_KEY: sessions and forms are signed with it.',
    );
  }
  const nonce = randomBytes(18).toString('base64url');
  return page(
    status,
    'console-sign-in',
    {
      title: 'Sign in',
      message,
      next,
      csrf: csrfToken(sessionKey(config.signingKey), `sign-in:${nonce}`),
      ttl: formatDuration(SESSION_TTL_SECONDS * 1000, 'long'),
      appServiceAuth: config.trustAppServiceAuth,
    },
    [consoleCookie(request, SIGN_IN_COOKIE, nonce, SIGN_IN_TTL_SECONDS)],
  );
}

export function consoleSignInPage(request: HttpRequest): HttpResponseInit {
  const query = new URL(request.url).searchParams;
  const message =
    query.get('reason') === SESSION_ENDED
      ? 'Your session ended before the form was sent, so nothing was done. Sign in, then do it again.'
      : '';
  return signInPage(request, 200, message, safeNext(query.get('next')));
}

export async function consoleSignIn(request: HttpRequest): Promise<HttpResponseInit> {
  const config = container().config;
  if (config.signingKey === undefined) return signInPage(request, 503, '', CONSOLE);
  const read = await readForm(request);
  if (!read.ok) return signInPage(request, read.status, read.message, CONSOLE);
  const next = safeNext(read.form.get('next'));
  const key = sessionKey(config.signingKey);
  const nonce = readCookie(request, SIGN_IN_COOKIE);
  if (nonce === undefined || !csrfMatches(key, `sign-in:${nonce}`, read.form.get('csrf') ?? undefined)) {
    return signInPage(
      request,
      403,
      'The sign-in form expired or did not come from this page: try again.',
      next,
    );
  }
  const presented = (read.form.get('key') ?? '').trim();
  const identity = presented === '' ? undefined : identityForKey(presented, config.operatorKeys);
  if (identity === undefined) {
    return signInPage(request, 401, 'That key does not match any operator key.', next);
  }
  const session = issueSession(key, presented, now().getTime());
  return {
    status: 303,
    headers: { location: next, 'cache-control': 'no-store' },
    cookies: [
      consoleCookie(request, SESSION_COOKIE, session.token, SESSION_TTL_SECONDS),
      clearedCookie(request, SIGN_IN_COOKIE),
    ],
  };
}

export async function consoleSignOut(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = signedIn(request, { formPage: CONSOLE });
  if ('response' in auth) return auth.response;
  const read = await readForm(request);
  if (!read.ok || !sameToken(read.form.get('csrf') ?? undefined, auth.user.csrf)) {
    return messagePage(
      403,
      'Form refused',
      "The form's security token is missing or wrong.",
      auth.user,
      CONSOLE,
    );
  }
  return {
    status: 303,
    headers: { location: `${CONSOLE}/sign-in`, 'cache-control': 'no-store' },
    cookies: [clearedCookie(request, SESSION_COOKIE)],
  };
}

let script: string | undefined;

export function consoleScript(): HttpResponseInit {
  script ??= readFileSync(path.join(TEMPLATES_DIR, 'assets', 'console.js'), 'utf8');
  return {
    status: 200,
    body: script,
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  };
}

const get = (
  name: string,
  route: string,
  handler: (r: HttpRequest, c: InvocationContext) => Promise<HttpResponseInit> | HttpResponseInit,
) => app.http(name, { route, methods: ['GET'], authLevel: 'anonymous', handler });

get('consoleBoard', 'console', consoleBoard);
get('consoleBoardRows', 'console/board/rows', consoleBoardRows);
get('consoleWorkloads', 'console/workloads', consoleWorkloads);
get('consoleIncident', 'console/incidents/{id}', consoleIncident);
get('consoleIncidentLive', 'console/incidents/{id}/live', consoleIncidentLive);
get('consoleSignInPage', 'console/sign-in', consoleSignInPage);
get('consoleScript', 'console/assets/console.js', consoleScript);
app.http('consoleSignIn', {
  route: 'console/sign-in',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: consoleSignIn,
});
app.http('consoleSignOut', {
  route: 'console/sign-out',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: consoleSignOut,
});
app.http('consoleAction', {
  route: 'console/incidents/{id}/actions/{action}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: consoleAction,
});
