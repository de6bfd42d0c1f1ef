// Serves the simulated two-region deployment that the sample runbook (catalog/runbooks/orders-api-failover.yaml)
// fails over: West Europe and North Europe App Service stand-ins, an automation API, and the demo's control
// endpoints. HTTP only; the world and its rules are DemoRegionState's. Endpoints: docs/demo-app.md.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { Secret } from '../../shared/Secret';
import { errorMessage } from '../../shared/errors';
import { formatZodIssues } from '../../shared/domain/validation/formatZodIssues';
import { IDEMPOTENCY_KEY_HEADER } from '../../shared/ports/StepExecutor';
import { keyMatches } from '../http/functionKey';
import { sendPlain } from '../http/httpResponse';
import {
  DEMO_REGIONS,
  DEMO_SERVERS,
  DemoRegionState,
  EFFECT_ENDPOINTS,
  PRIMARY_REGION,
  SECONDARY_REGION,
  type DemoRegion,
  type DemoServer,
  type DemoStateSnapshot,
  type EffectEndpoint,
  type RegionHealth,
  type RequestRecord,
  type StoredResponse,
} from './DemoRegionState';
import { DEMO_AUTOMATION_PORT, DEMO_HOST, DEMO_PRIMARY_PORT, DEMO_SECONDARY_PORT } from './demoPorts';
import { loadDemoState, saveDemoState } from './demoStateFile';

/** Request bodies here are a few fields; anything bigger is a mistake. */
export const MAX_DEMO_BODY_BYTES = 64 * 1024;

/** The Cosmos DB account of the sample runbook's failover-cosmos step. */
export const DEFAULT_COSMOS_ACCOUNT = 'cosmos-orders';

/** Retry-After on injected 503/429s: short, so a demo retry loop moves on quickly. */
const FAULT_RETRY_AFTER_SECONDS = 1;

/** Retry-After while the primary refuses orders for maintenance: a failover takes minutes. */
const MAINTENANCE_RETRY_AFTER_SECONDS = 60;

/** Longest delay a fault may hold a request: longer than any step timeout worth testing. */
const MAX_FAULT_DELAY_MS = 10 * 60 * 1000;

const REPLAYED_HEADER = 'Idempotent-Replayed';

export interface TwoRegionDemoOptions {
  /** Defaults to loopback (DEMO_HOST). */
  readonly host?: string;
  /** 0 picks a free port; the bound ports are in `RunningDemoApp.ports`. */
  readonly primaryPort?: number;
  readonly secondaryPort?: number;
  readonly automationPort?: number;
  /** The whole Authorization header value POST /cosmos/failover must carry, e.g. `Bearer abc`. */
  readonly automationToken: string | Secret;
  /** The only account POST /cosmos/failover knows; DEFAULT_COSMOS_ACCOUNT by default. */
  readonly cosmosAccount?: string;
  /** Stamps effects and the request log; the system clock by default. */
  readonly now?: () => Date;
  /** Where the state outlives a restart (demoStateFile.ts); in memory only without it. */
  readonly stateFile?: string;
  /** Told when the saved state could not be read; the console by default. */
  readonly warn?: (line: string) => void;
}

export interface RunningDemoApp {
  /** Base URLs without a trailing slash, e.g. `http://127.0.0.1:7081`. */
  readonly urls: { readonly primary: string; readonly secondary: string; readonly automation: string };
  readonly ports: { readonly primary: number; readonly secondary: number; readonly automation: number };
  /** What GET /demo/state answers, without a request. */
  state(): DemoStateSnapshot;
  /** Stops all three listeners, dropping open connections and requests held by delay faults. */
  close(): Promise<void>;
}

/** Starts the three listeners; rejects, naming the port, if one cannot listen (and closes the others). */
export async function startTwoRegionDemoApp(options: TwoRegionDemoOptions): Promise<RunningDemoApp> {
  const host = options.host ?? DEMO_HOST;
  const state = new DemoRegionState(options.now ?? (() => new Date()));
  const { stateFile } = options;
  if (stateFile !== undefined) {
    const saved = loadDemoState(stateFile, options.warn ?? ((line) => console.warn(line)));
    if (saved !== undefined) state.restore(saved);
  }
  const handler = new DemoRequestHandler(
    state,
    typeof options.automationToken === 'string'
      ? new Secret(options.automationToken)
      : options.automationToken,
    options.cosmosAccount ?? DEFAULT_COSMOS_ACCOUNT,
  );
  const requestedPorts: Record<DemoServer, number> = {
    primary: options.primaryPort ?? DEMO_PRIMARY_PORT,
    secondary: options.secondaryPort ?? DEMO_SECONDARY_PORT,
    automation: options.automationPort ?? DEMO_AUTOMATION_PORT,
  };
  const servers: Server[] = [];
  const bound: Record<DemoServer, number> = { ...requestedPorts };
  try {
    for (const name of DEMO_SERVERS) {
      const server = createServer((req, res) => {
        void handler.handle(name, req).then((response) => {
          // Reads change nothing; anything else may have, and the saved state follows it.
          if (stateFile !== undefined && req.method !== 'GET' && req.method !== 'HEAD') {
            saveDemoState(stateFile, state.durable());
          }
          if (response === DROPPED) {
            res.destroy();
          } else if (!res.destroyed) {
            // A caller that gave up during a delay fault is gone; its effect happened anyway, as it would.
            sendPlain(res, response);
          }
        });
      });
      bound[name] = await listen(server, name, requestedPorts[name], host);
      servers.push(server);
    }
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    urls: {
      primary: baseUrl(host, bound.primary),
      secondary: baseUrl(host, bound.secondary),
      automation: baseUrl(host, bound.automation),
    },
    ports: bound,
    state: () => handler.state.snapshot(),
    close: () => {
      closing ??= (async () => {
        handler.dropHeldRequests();
        await Promise.all(servers.map(closeServer));
      })();
      return closing;
    },
  };
}

const regionSchema = z.enum(DEMO_REGIONS);

const maintenanceBody = z.strictObject({
  enabled: z.boolean(),
  reason: z.string().min(1).max(500).optional(),
});

const cosmosFailoverBody = z.strictObject({
  account: z.string().min(1),
  writeRegion: regionSchema,
});

const trafficSwitchBody = z.strictObject({ to: regionSchema });

const outageBody = z.strictObject({ region: regionSchema, down: z.boolean() });

const replicationBody = z.strictObject({
  lagSeconds: z
    .number()
    .min(0)
    .max(7 * 24 * 3600)
    .describe('How far the replica is behind, in seconds'),
});

const faultBody = z
  .strictObject({
    server: z.enum(DEMO_SERVERS).optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, 'Expected an HTTP method such as POST')
      .transform((m) => m.toUpperCase())
      .optional(),
    path: z
      .string()
      .startsWith('/', 'Expected a path such as /cosmos/failover')
      .refine((p) => !isControlPath(p), 'The demo control endpoints cannot be faulted'),
    status: z.number().int().min(400).max(599).optional(),
    times: z.number().int().min(1).max(1000).default(1),
    delayMs: z.number().int().min(0).max(MAX_FAULT_DELAY_MS).optional(),
  })
  .refine((f) => f.status !== undefined || f.delayMs !== undefined, 'Give a status, a delayMs, or both');

/** What a handler answers; every response is JSON and never cached. */
interface DemoResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface DemoRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Who asked for what, as the request log and the list of delayed requests show it. */
type Arrival = Omit<RequestRecord, 'status' | 'at'>;

type Handler = (request: DemoRequest) => DemoResponse;

/** Handlers by path, then by method, so a known path with the wrong method can say which are allowed. */
type RouteTable = Readonly<Record<string, Readonly<Record<string, Handler>>>>;

/** The request ends without an answer: its caller disconnected, or reset or close dropped it. */
const DROPPED = Symbol('dropped');

type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly response: DemoResponse };

class DemoRequestHandler {
  private readonly routes: Readonly<Record<DemoServer, RouteTable>>;
  /** Aborted by reset and close: requests held by a delay fault are dropped, as a restart would. */
  private heldRequests = new AbortController();

  constructor(
    readonly state: DemoRegionState,
    private readonly automationToken: Secret,
    private readonly cosmosAccount: string,
  ) {
    this.routes = {
      primary: {
        '/health': { GET: () => healthResponse(this.state.primaryHealth()) },
        '/admin/maintenance': { POST: (request) => this.setMaintenance(request) },
        '/orders': { GET: () => this.orders(PRIMARY_REGION) },
      },
      secondary: {
        '/health': { GET: () => healthResponse(this.state.secondaryHealth()) },
        '/orders': { GET: () => this.orders(SECONDARY_REGION) },
        // The replica's lag, as a database's replication status endpoint reports it (readiness reads it).
        '/replication': { GET: () => ({ status: 200, body: this.state.replication() }) },
        '/ready': { GET: () => healthResponse(this.state.secondaryReadiness()) },
      },
      automation: {
        '/cosmos/failover': { POST: (request) => this.failOverCosmos(request) },
        '/traffic/switch': { POST: (request) => this.switchTraffic(request) },
        '/demo/state': { GET: () => ({ status: 200, body: this.state.snapshot() }) },
        '/demo/outage': { POST: (request) => this.setOutage(request) },
        '/demo/replication': { POST: (request) => this.setReplicationLag(request) },
        '/demo/faults': { POST: (request) => this.armFault(request) },
        '/demo/reset': { POST: () => this.reset() },
      },
    };
  }

  /** Never rejects: every failure becomes a JSON response, unless there is nobody left to answer. */
  async handle(server: DemoServer, req: IncomingMessage): Promise<DemoResponse | typeof DROPPED> {
    const idempotencyKey = singleHeader(req.headers, IDEMPOTENCY_KEY_HEADER);
    const arrival: Arrival = {
      server,
      method: (req.method ?? 'GET').toUpperCase(),
      path: new URL(req.url ?? '/', 'http://demo.invalid').pathname,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    };
    // The control endpoints drive the demo; they are not traffic a test wants to assert on or fault.
    const isTraffic = !(server === 'automation' && isControlPath(arrival.path));
    let response: DemoResponse | typeof DROPPED;
    try {
      response = await this.respond(arrival, req, isTraffic);
    } catch (err) {
      response = errorResponse(500, 'internal_error', errorMessage(err));
    }
    if (response === DROPPED) {
      return DROPPED;
    }
    if (isTraffic) {
      this.state.recordRequest({ ...arrival, status: response.status });
    }
    return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' } };
  }

  dropHeldRequests(): void {
    this.heldRequests.abort();
    this.heldRequests = new AbortController();
  }

  private async respond(
    arrival: Arrival,
    req: IncomingMessage,
    isTraffic: boolean,
  ): Promise<DemoResponse | typeof DROPPED> {
    const body = await readBoundedBody(req, MAX_DEMO_BODY_BYTES);
    if (body === DROPPED) {
      return DROPPED;
    }
    if (body === 'tooLarge') {
      return errorResponse(
        413,
        'payload_too_large',
        `Request bodies are limited to ${MAX_DEMO_BODY_BYTES} bytes.`,
      );
    }
    const { server, method, path } = arrival;
    const fault = isTraffic ? this.state.takeFault(server, method, path) : undefined;
    if (fault?.delayMs !== undefined && fault.delayMs > 0) {
      // The body was read before the delay, so a caller killed meanwhile still gets its request handled.
      const { signal } = this.heldRequests;
      const hold = this.state.holdRequest(arrival);
      try {
        await sleep(fault.delayMs, undefined, { signal });
      } catch (err) {
        if (signal.aborted) {
          return DROPPED;
        }
        throw err;
      } finally {
        hold.release();
      }
    }
    if (fault?.status !== undefined) {
      return faultResponse(fault.status, method, path);
    }
    return this.dispatch(server, { method, path, headers: req.headers, body });
  }

  private dispatch(server: DemoServer, request: DemoRequest): DemoResponse {
    const methods = this.routes[server][request.path];
    if (!methods) {
      return errorResponse(404, 'not_found', `No ${request.path} on the demo ${server} server.`);
    }
    const handler = methods[request.method];
    if (!handler) {
      const allowed = Object.keys(methods).join(', ');
      return {
        ...errorResponse(405, 'method_not_allowed', `${request.path} accepts ${allowed}.`),
        headers: { allow: allowed },
      };
    }
    const region =
      server === 'primary' ? PRIMARY_REGION : server === 'secondary' ? SECONDARY_REGION : undefined;
    // A region that is down answers nothing useful; its health endpoint says so in its own shape.
    if (region !== undefined && this.state.isDown(region) && request.path !== '/health') {
      return errorResponse(503, 'region_unavailable', `Simulated outage of ${region}.`);
    }
    return handler(request);
  }

  private setMaintenance(request: DemoRequest): DemoResponse {
    return this.runEffect(request, EFFECT_ENDPOINTS.maintenance, maintenanceBody, (body) => ({
      status: 200,
      body: { region: PRIMARY_REGION, maintenance: this.state.setMaintenance(body) },
    }));
  }

  private orders(region: DemoRegion): DemoResponse {
    const availability = this.state.ordersAvailability(region);
    if (!availability.available) {
      return {
        ...errorResponse(503, 'orders_unavailable', availability.reason),
        ...(availability.inMaintenance
          ? { headers: { 'retry-after': String(MAINTENANCE_RETRY_AFTER_SECONDS) } }
          : {}),
      };
    }
    return { status: 200, body: { region, orders: SAMPLE_ORDERS } };
  }

  private failOverCosmos(request: DemoRequest): DemoResponse {
    if (!keyMatches(singleHeader(request.headers, 'authorization'), this.automationToken.reveal())) {
      return errorResponse(
        401,
        'unauthorized',
        'POST /cosmos/failover needs the automation token as its Authorization header.',
      );
    }
    return this.runEffect(
      request,
      EFFECT_ENDPOINTS.cosmosFailover,
      cosmosFailoverBody,
      (body) => ({
        status: 202,
        body: { account: body.account, ...this.state.failOverCosmos(body.writeRegion), status: 'accepted' },
      }),
      (body) =>
        body.account === this.cosmosAccount
          ? undefined
          : errorResponse(404, 'account_not_found', `No Cosmos DB account "${body.account}" in this demo.`),
    );
  }

  private switchTraffic(request: DemoRequest): DemoResponse {
    return this.runEffect(request, EFFECT_ENDPOINTS.trafficSwitch, trafficSwitchBody, (body) => ({
      status: 200,
      body: this.state.switchTraffic(body.to),
    }));
  }

  /**
   * The idempotency contract of every effectful endpoint: a key is required, the request must be valid,
   * then the effect runs once per key and its response is replayed to repeats.
   */
  private runEffect<T>(
    request: DemoRequest,
    endpoint: EffectEndpoint,
    schema: z.ZodType<T>,
    apply: (body: T) => StoredResponse,
    refuse: (body: T) => DemoResponse | undefined = () => undefined,
  ): DemoResponse {
    const idempotencyKey = singleHeader(request.headers, IDEMPOTENCY_KEY_HEADER);
    if (idempotencyKey === undefined || idempotencyKey === '') {
      return errorResponse(
        400,
        'missing_idempotency_key',
        `${endpoint} changes state: send an ${IDEMPOTENCY_KEY_HEADER} header, as Lifeboat does.`,
      );
    }
    const parsed = parseBody(request.body, schema);
    if (!parsed.ok) {
      return parsed.response;
    }
    const refusal = refuse(parsed.value);
    if (refusal) {
      return refusal;
    }
    const outcome = this.state.runOnce(endpoint, idempotencyKey, parsed.value, () => apply(parsed.value));
    switch (outcome.kind) {
      case 'applied':
        return outcome.response;
      case 'replayed':
        return { ...outcome.response, headers: { [REPLAYED_HEADER]: 'true' } };
      case 'keyReused':
        return errorResponse(
          422,
          'idempotency_key_reused',
          `This ${IDEMPOTENCY_KEY_HEADER} was already used on ${endpoint} with a different body.`,
        );
    }
  }

  private setOutage(request: DemoRequest): DemoResponse {
    const parsed = parseBody(request.body, outageBody);
    if (!parsed.ok) {
      return parsed.response;
    }
    this.state.setOutage(parsed.value.region, parsed.value.down);
    return { status: 200, body: { outage: this.state.snapshot().outage } };
  }

  private setReplicationLag(request: DemoRequest): DemoResponse {
    const parsed = parseBody(request.body, replicationBody);
    if (!parsed.ok) {
      return parsed.response;
    }
    this.state.setReplicationLag(parsed.value.lagSeconds);
    return { status: 200, body: { replication: this.state.replication() } };
  }

  private armFault(request: DemoRequest): DemoResponse {
    const parsed = parseBody(request.body, faultBody);
    if (!parsed.ok) {
      return parsed.response;
    }
    return { status: 201, body: { fault: this.state.armFault(parsed.value) } };
  }

  private reset(): DemoResponse {
    this.dropHeldRequests();
    this.state.reset();
    return { status: 200, body: this.state.snapshot() };
  }
}

const SAMPLE_ORDERS = [
  { id: 'ord-1001', status: 'shipped' },
  { id: 'ord-1002', status: 'processing' },
];

function healthResponse(health: RegionHealth): DemoResponse {
  return { status: health.healthy ? 200 : 503, body: health.report };
}

function faultResponse(status: number, method: string, path: string): DemoResponse {
  return {
    ...errorResponse(
      status,
      'simulated_fault',
      `Simulated ${status} for ${method} ${path} (POST /demo/faults).`,
    ),
    ...(status === 503 || status === 429
      ? { headers: { 'retry-after': String(FAULT_RETRY_AFTER_SECONDS) } }
      : {}),
  };
}

function errorResponse(status: number, code: string, message: string, details?: unknown): DemoResponse {
  return { status, body: { error: { code, message, ...(details === undefined ? {} : { details }) } } };
}

function parseBody<T>(raw: Buffer, schema: z.ZodType<T>): Parsed<T> {
  let json: unknown;
  try {
    json = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, response: errorResponse(400, 'invalid_json', 'The request body is not valid JSON.') };
  }
  const result = schema.safeParse(json);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  const issues = formatZodIssues(result.error.issues);
  const message = issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ');
  return { ok: false, response: errorResponse(400, 'invalid_body', message, issues) };
}

function isControlPath(path: string): boolean {
  return path === '/demo' || path.startsWith('/demo/');
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the whole body, but keeps at most `limit` bytes. An oversized body is drained rather than cut off,
 * so the caller gets its 413 instead of a reset connection.
 */
function readBoundedBody(req: IncomingMessage, limit: number): Promise<Buffer | 'tooLarge' | typeof DROPPED> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      }
    });
    req.once('end', () => resolve(size > limit ? 'tooLarge' : Buffer.concat(chunks)));
    // After 'end' these change nothing: a promise settles once.
    req.once('error', () => resolve(DROPPED));
    req.once('close', () => resolve(DROPPED));
  });
}

async function listen(server: Server, name: DemoServer, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use`
          : `${host}:${port}: ${err.message}`;
      reject(new Error(`Cannot start the demo ${name} server: ${why}.`, { cause: err }));
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) {
    return;
  }
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
