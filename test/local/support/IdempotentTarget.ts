// An HTTP target that applies each idempotency key's effect once, however often it is called.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class IdempotentTarget {
  readonly calls = new Map<string, number>();
  /** Keys in the order their effect was applied; a key appears at most once. */
  readonly applied: string[] = [];
  private server?: Server;

  constructor(private readonly delayFor: (key: string, callNumber: number) => number = () => 0) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const n = (this.calls.get(key) ?? 0) + 1;
      this.calls.set(key, n);
      setTimeout(
        () => {
          if (!key) {
            res.writeHead(400).end('missing idempotency-key');
            return;
          }
          if (!this.applied.includes(key)) {
            this.applied.push(key);
          }
          res.writeHead(200).end('ok');
        },
        this.delayFor(key, n),
      );
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
