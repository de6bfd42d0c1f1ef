// A Cosmos DB stand-in in this process: @vercel/cosmosdb-server (the Cosmos REST protocol, in memory) behind a
// thin front that counts requests by kind — the figures that carry over to RU cost — and can hold a request
// unanswered, so that a test can kill its client between two writes. For `npm run start:cosmos`, tests and
// bench:cosmos; never deployed.
//
// Known gaps against the real service that matter to Lifeboat (docs/cosmos-data-model.md, "The stand-in"):
// TTL never expires items; no transactional batch worth the name (Lifeboat does not use it); the
// partition-scoped query option is ignored (Lifeboat's queries always filter on the partition key too);
// everything is in memory, in one process, so every read is strongly consistent and no 429 or 503 is ever
// returned; it does not check the key.
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The Cosmos DB emulator's published, well-known key: the stand-in accepts any key. */
export const STAND_IN_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** `queryPlan`: the SDK asks the gateway how to run a cross-partition query (no RU charge on the service). */
export type RequestKind =
  'read' | 'create' | 'upsert' | 'replace' | 'delete' | 'patch' | 'query' | 'queryPlan' | 'metadata';

export interface StandInRequest {
  readonly kind: RequestKind;
  readonly method: string;
  /** The path, e.g. `/dbs/lifeboat/colls/incidents/docs/incident`. */
  readonly path: string;
  /** The container, for document requests. */
  readonly container?: string;
}

interface Hold {
  readonly match: (request: StandInRequest) => boolean;
  readonly arrived: () => void;
}

interface Fault {
  readonly match: (request: StandInRequest) => boolean;
  readonly status: number;
  readonly retryAfterMs?: number;
  remaining: number;
}

export class CosmosStandIn {
  private readonly counts = new Map<RequestKind, number>();
  private readonly holds: Hold[] = [];
  private readonly held: ServerResponse[] = [];
  private readonly faults: Fault[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1 (`port` 0: any free one). */
  static async start(port = 0): Promise<CosmosStandIn> {
    const server = createHttpServer();
    const [inner] = server.listeners('request') as RequestListener[];
    if (inner === undefined)
      throw new Error('@vercel/cosmosdb-server made a server without a request handler');
    server.removeAllListeners('request');
    const standIn = new CosmosStandIn(server, 0);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => standIn.handle(req, res, inner));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    (standIn as { port: number }).port = (server.address() as AddressInfo).port;
    return standIn;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** What LIFEBOAT_COSMOS_CONNECTION_STRING takes. */
  get connectionString(): string {
    return `AccountEndpoint=${this.endpoint};AccountKey=${STAND_IN_KEY};`;
  }

  /** Requests answered (or held) since the last reset, by kind. */
  requestCounts(): Record<RequestKind, number> {
    const kinds: RequestKind[] = [
      'read',
      'create',
      'upsert',
      'replace',
      'delete',
      'patch',
      'query',
      'queryPlan',
      'metadata',
    ];
    return Object.fromEntries(kinds.map((k) => [k, this.counts.get(k) ?? 0])) as Record<RequestKind, number>;
  }

  /** Requests on documents (what the service charges RUs for) since the last reset. */
  documentRequests(): number {
    const counts = this.requestCounts();
    return Object.entries(counts).reduce(
      (sum, [kind, n]) => (kind === 'metadata' || kind === 'queryPlan' ? sum : sum + n),
      0,
    );
  }

  resetCounts(): void {
    this.counts.clear();
  }

  /**
   * Resolves when the next request matching `match` arrives; that request is never answered (nor applied),
   * as when its client dies before the service receives it.
   */
  holdNext(match: (request: StandInRequest) => boolean): Promise<void> {
    return new Promise((arrived) => this.holds.push({ match, arrived }));
  }

  /** Forgets the holds no request has matched yet: what arrives from now on is served. */
  cancelHolds(): void {
    this.holds.length = 0;
  }

  /**
   * The next `times` requests matching `match` are answered with `status` (429 with `x-ms-retry-after-ms`, as
   * the service throttles; 503, 408…) instead of being served, so tests can see how the SDK and the adapters
   * deal with them.
   */
  failNext(
    match: (request: StandInRequest) => boolean,
    fault: { readonly status: number; readonly times: number; readonly retryAfterMs?: number },
  ): void {
    this.faults.push({
      match,
      status: fault.status,
      remaining: fault.times,
      ...(fault.retryAfterMs === undefined ? {} : { retryAfterMs: fault.retryAfterMs }),
    });
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse, inner: RequestListener): void {
    const request = describe(req);
    this.counts.set(request.kind, (this.counts.get(request.kind) ?? 0) + 1);
    const fault = this.faults.find((f) => f.remaining > 0 && f.match(request));
    if (fault !== undefined) {
      fault.remaining--;
      req.resume();
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        ...(fault.retryAfterMs === undefined ? {} : { 'x-ms-retry-after-ms': String(fault.retryAfterMs) }),
      });
      res.end(JSON.stringify({ code: String(fault.status), message: `stand-in fault ${fault.status}` }));
      return;
    }
    const hold = this.holds.findIndex((h) => h.match(request));
    if (hold >= 0) {
      const [{ arrived }] = this.holds.splice(hold, 1) as [Hold];
      this.held.push(res);
      req.resume();
      arrived();
      return;
    }
    void inner(req, res);
  }
}

function describe(req: IncomingMessage): StandInRequest {
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const doc = /^\/dbs\/[^/]+\/colls\/([^/]+)\/docs(\/[^/]+)?$/.exec(path);
  if (doc === null) return { kind: 'metadata', method, path };
  const container = decodeURIComponent(doc[1] ?? '');
  const header = (name: string) => String(req.headers[name] ?? '').toLowerCase() === 'true';
  let kind: RequestKind;
  if (doc[2] === undefined) {
    kind = header('x-ms-cosmos-is-query-plan-request')
      ? 'queryPlan'
      : header('x-ms-documentdb-isquery')
        ? 'query'
        : header('x-ms-documentdb-is-upsert')
          ? 'upsert'
          : method === 'POST'
            ? 'create'
            : 'query';
  } else {
    kind =
      method === 'GET'
        ? 'read'
        : method === 'PUT'
          ? 'replace'
          : method === 'DELETE'
            ? 'delete'
            : method === 'PATCH'
              ? 'patch'
              : 'metadata';
  }
  return { kind, method, path, container };
}
