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
   * Waits, without asking the runtime anything, until `count` requests of the run have arrived; false after
   * the timeout.
   */
  async waitForArrivals(run: string, count: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.arrivalsOf(run).length < count) {
      if (performance.now() > deadline) return false;
      await sleep(50);
    }
    return true;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
