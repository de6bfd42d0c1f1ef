// The runbook's automation endpoint, in the bench's own process: a bare node:http server that answers 200 `{}`
// at once and records when each request arrived (process.hrtime, taken as its headers are parsed) and the
// Idempotency-Key it carried. The gaps between arrivals are what the bench measures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from '../support/ChildServer';

export interface Arrival {
  /** process.hrtime.bigint() when the request's headers had been read. */
  readonly at: bigint;
  /** Path as sent: `/<run>/<step id>`. */
  readonly path: string;
  /** The header's structured-field string, unquoted; undefined when absent. */
  readonly idempotencyKey: string | undefined;
}

const RESPONSE_BODY = Buffer.from('{}');

export class StepTarget {
  private readonly arrivals: Arrival[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const at = process.hrtime.bigint();
      const key = request.headers['idempotency-key'];
      this.arrivals.push({
        at,
        path: request.url ?? '',
        idempotencyKey: typeof key === 'string' ? key.replace(/^"(.*)"$/, '$1') : undefined,
      });
      request.resume();
      request.on('end', () => {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': RESPONSE_BODY.length,
        });
        response.end(RESPONSE_BODY);
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Arrivals whose path starts with `/<run>/`, in arrival order. */
  arrivalsOf(run: string): Arrival[] {
    const prefix = `/${run}/`;
    return this.arrivals.filter((a) => a.path.startsWith(prefix));
  }

  /**
   * Waits, without asking the runtime anything, until `count` requests of the run have arrived. Resolves
   * with why it gave up otherwise: the time ran out, or no request arrived for `stallMs` (a runbook that
   * stopped moving, e.g. an incident that failed before its runbook).
   */
  async waitForArrivals(
    run: string,
    count: number,
    limits: { timeoutMs: number; stallMs: number },
  ): Promise<'arrived' | 'timeout' | 'stalled'> {
    const started = performance.now();
    let seen = 0;
    let lastProgress = started;
    for (;;) {
      const now = performance.now();
      const arrived = this.arrivalsOf(run).length;
      if (arrived >= count) return 'arrived';
      if (arrived > seen) {
        seen = arrived;
        lastProgress = now;
      }
      if (now - started > limits.timeoutMs) return 'timeout';
      if (now - lastProgress > limits.stallMs) return 'stalled';
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
