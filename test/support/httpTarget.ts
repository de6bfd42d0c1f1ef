// A scriptable HTTP server on 127.0.0.1 for adapter tests: records every request, answers what the test
// says, optionally after a delay; `stop` cancels pending delays and drops open connections.
import {
  createServer,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface TargetResponse {
  readonly status?: number;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string | Buffer;
  /** Wait this long before answering (the client may give up first). */
  readonly delayMs?: number;
  /** Send the status and headers at once, and the body only after this long. */
  readonly bodyDelayMs?: number;
  /** Answer only once this settles (after `delayMs`, if both): the test decides when the call ends. */
  readonly heldUntil?: Promise<void>;
}

/** `callNumber` counts from 1 across the target's lifetime. */
export type TargetHandler = (request: RecordedRequest, callNumber: number) => TargetResponse;

export class HttpTarget {
  readonly requests: RecordedRequest[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(private handler: TargetHandler = () => ({ status: 200, body: 'ok' })) {}

  /** Replaces the handler for the requests that follow. */
  respondWith(handler: TargetHandler): void {
    this.handler = handler;
  }

  /** Base URL, e.g. `http://127.0.0.1:51234`, with no trailing slash. */
  get url(): string {
    if (this.baseUrl === undefined) {
      throw new Error('HttpTarget is not started.');
    }
    return this.baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(recorded);
        const answer = this.handler(recorded, this.requests.length);
        const endBody = () => res.end(answer.body ?? '');
        const respond = () => {
          res.writeHead(answer.status ?? 200, answer.headers);
          if (answer.bodyDelayMs) {
            res.flushHeaders();
            this.later(res, answer.bodyDelayMs, endBody);
          } else {
            endBody();
          }
        };
        const release = answer.heldUntil
          ? () => void answer.heldUntil?.then(() => (res.destroyed ? undefined : respond()))
          : respond;
        if (answer.delayMs) {
          this.later(res, answer.delayMs, release);
        } else {
          release();
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  /** Runs `action` after `ms` unless the exchange closes first (the client gave up) or the target stops. */
  private later(res: ServerResponse, ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** A base URL nothing listens on: a port that was free a moment ago (connection refused). */
  static async refusingUrl(): Promise<string> {
    const target = new HttpTarget();
    const url = await target.start();
    await target.stop();
    return url;
  }
}
