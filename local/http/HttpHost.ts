// Serves the app's HTTP functions (route prefix, templates, methods, auth levels) and the Durable management
// webhooks, converting requests and responses the way the Functions host does over its worker protocol.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RpcHttpCookie, RpcHttpData, RpcInvocationResponse } from '../functionsCore/functionsCoreModule';
import type { HttpFunction, RegisteredFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import { traceContextFromHeaders } from '../host/traceContext';
import type { DurableHttpApi } from '../durable/DurableHttpApi';
import type { RuntimeLogger } from '../RuntimeLogger';
import { keyMatches, presentedKey } from './functionKey';
import { jsonError, sendPlain } from './httpResponse';
import { BodyTooLargeError, readRequestBody } from './readRequestBody';
import { compareRouteRank, RouteTemplate } from './RouteTemplate';

export const webhookBasePath = '/runtime/webhooks/durabletask/';

/**
 * How long a whole request, headers and body, may take to arrive before Node answers 408 and closes the
 * connection. The intake takes at most 256 KB: in 30 s that asks a sender for about 9 KB/s, which any alert
 * source exceeds by far, while a client trickling a byte a second no longer holds a connection (and a
 * request slot that background work gives way to) for Node's default 300 s. In Azure the platform in front
 * of the Functions host bounds requests itself (230 s).
 */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Headers come first and are small. */
const HEADERS_TIMEOUT_MS = 10_000;
/** How often Node checks those deadlines; its default (30 s) would let a request overrun by as much. */
const DEADLINE_CHECK_INTERVAL_MS = 1_000;

export interface HttpHostOptions {
  readonly routePrefix: string;
  readonly functionKey: string;
  readonly functions: readonly HttpFunction[];
  readonly durableApi: DurableHttpApi;
  readonly invoke: (fn: RegisteredFunction, request: InvocationRequest) => Promise<RpcInvocationResponse>;
  readonly extraInputs: (fn: RegisteredFunction) => InvocationRequest['inputData'];
  readonly log: RuntimeLogger;
  /** `REQUEST_TIMEOUT_MS` unless a test wants a shorter one. */
  readonly requestTimeoutMs?: number;
}

interface Route {
  readonly fn: HttpFunction;
  readonly template: RouteTemplate;
}

export class HttpHost {
  private readonly routes: Route[];
  private readonly prefixSegments: string[];
  private server?: Server;
  private inFlight = 0;

  constructor(private readonly options: HttpHostOptions) {
    this.prefixSegments = options.routePrefix.split('/').filter((s) => s !== '');
    this.routes = options.functions
      .map((fn) => ({ fn, template: new RouteTemplate(fn.route) }))
      .sort((a, b) => compareRouteRank(a.template, b.template));
  }

  async listen(port: number, host: string): Promise<number> {
    const requestTimeout = this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    const server = createServer(
      {
        requestTimeout,
        headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
        connectionsCheckingInterval: Math.min(DEADLINE_CHECK_INTERVAL_MS, requestTimeout),
      },
      (req, res) => void this.handle(req, res),
    );
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) {
      return;
    }
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests being answered right now; background work gives way while there are any. */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    try {
      await this.answer(req, res);
    } finally {
      this.inFlight--;
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const headers = flattenHeaders(req);
      if (url.pathname.startsWith(webhookBasePath)) {
        if (!keyMatches(presentedKey(url.searchParams, headers), this.options.functionKey)) {
          sendPlain(
            res,
            jsonError(
              401,
              'unauthorized',
              'The management API needs the function key (code= or x-functions-key).',
            ),
          );
          return;
        }
        const body = await readRequestBody(req);
        sendPlain(
          res,
          this.options.durableApi.handle({
            method: req.method ?? 'GET',
            path: url.pathname.slice(webhookBasePath.length),
            query: url.searchParams,
            headers,
            body: body.toString('utf8'),
          }),
        );
        return;
      }
      await this.handleFunctionRoute(req, res, url, headers);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        sendPlain(res, jsonError(413, 'payload_too_large', err.message));
        return;
      }
      if (req.destroyed && !res.headersSent) {
        // The body did not arrive in time (Node answered 408 and closed) or the client went away.
        this.options.log.warn('HTTP request closed before its body arrived', { method: req.method });
        return;
      }
      this.options.log.error('HTTP request failed in the host', {
        error: err instanceof Error ? err.message : String(err),
      });
      if (!res.headersSent) {
        sendPlain(res, { status: 500 });
      } else {
        res.end();
      }
    }
  }

  private async handleFunctionRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    headers: Record<string, string>,
  ): Promise<void> {
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => safeDecode(s));
    const prefixMatches = this.prefixSegments.every((p, i) => segments[i]?.toLowerCase() === p.toLowerCase());
    if (!prefixMatches) {
      sendPlain(
        res,
        jsonError(
          404,
          'not_found',
          `No route ${url.pathname}: functions answer under /${this.prefixSegments.join('/')}/.`,
        ),
      );
      return;
    }
    const routeSegments = segments.slice(this.prefixSegments.length);
    const method = (req.method ?? 'GET').toUpperCase();
    const matched = this.routes
      .map((route) => ({ route, params: route.template.match(routeSegments) }))
      .filter((m) => m.params !== undefined);
    const match = matched.find((m) => m.route.fn.methods.includes(method));
    if (!match?.params) {
      const methods = [...new Set(matched.flatMap((m) => m.route.fn.methods))];
      sendPlain(
        res,
        jsonError(
          404,
          'not_found',
          methods.length > 0
            ? `${url.pathname} answers ${methods.join(', ')}, not ${method}.`
            : `No route ${method} ${url.pathname}.`,
        ),
      );
      return;
    }
    const { fn } = match.route;
    if (
      fn.authLevel !== 'anonymous' &&
      !keyMatches(presentedKey(url.searchParams, headers), this.options.functionKey)
    ) {
      // Say which key the route takes, and whether one was sent, as the host's own 401 does not.
      const sent = presentedKey(url.searchParams, headers) !== undefined;
      sendPlain(
        res,
        jsonError(
          401,
          'unauthorized',
          `${sent ? 'The key sent does not match: this' : 'This'} route needs the function key (LIFEBOAT_FUNCTION_KEY), as ?code=<key> or the x-functions-key header.`,
        ),
      );
      return;
    }
    const body = await readRequestBody(req);
    const http: RpcHttpData = {
      method,
      url: url.toString(),
      headers,
      query: Object.fromEntries(url.searchParams.entries()),
      params: match.params,
      body: { bytes: body },
    };
    let response: RpcInvocationResponse;
    try {
      response = await this.options.invoke(fn, {
        inputData: [{ name: fn.triggerName, data: { http } }, ...this.options.extraInputs(fn)],
        ...traceOf(headers),
      });
    } catch (err) {
      // Like the Functions host: the caller learns nothing of the exception; the log does.
      this.options.log.error('HTTP function failed', {
        function: fn.name,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      sendPlain(res, { status: 500 });
      return;
    }
    writeHttpResponse(res, response);
  }
}

function writeHttpResponse(res: ServerResponse, response: RpcInvocationResponse): void {
  const http =
    response.returnValue?.http ?? response.outputData?.find((o) => o.data?.http)?.data?.http ?? undefined;
  if (!http) {
    sendPlain(res, { status: 204 });
    return;
  }
  const headers: Record<string, string | string[]> = { ...(http.headers ?? {}) };
  const cookies = (http.cookies ?? []).map(formatCookie);
  if (cookies.length > 0) {
    headers['set-cookie'] = cookies;
  }
  const body = http.body?.bytes
    ? Buffer.from(http.body.bytes)
    : typeof http.body?.string === 'string'
      ? http.body.string
      : undefined;
  res.writeHead(Number(http.statusCode ?? 200), headers);
  res.end(body);
}

function formatCookie(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name ?? ''}=${cookie.value ?? ''}`];
  if (cookie.domain?.value) parts.push(`Domain=${cookie.domain.value}`);
  if (cookie.path?.value) parts.push(`Path=${cookie.path.value}`);
  if (cookie.expires?.value?.seconds)
    parts.push(`Expires=${new Date(cookie.expires.value.seconds * 1000).toUTCString()}`);
  if (cookie.maxAge?.value) parts.push(`Max-Age=${cookie.maxAge.value}`);
  if (cookie.secure?.value) parts.push('Secure');
  if (cookie.httpOnly?.value) parts.push('HttpOnly');
  if (cookie.sameSite && cookie.sameSite !== 'None') parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join('; ');
}

export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function traceOf(headers: Record<string, string>): Pick<InvocationRequest, 'traceContext'> {
  const traceContext = traceContextFromHeaders(headers);
  return traceContext ? { traceContext } : {};
}
