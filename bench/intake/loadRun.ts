// One autocannon run: POSTs a fresh body per request at a fixed offered load (or flat out) and returns what
// came back. Latency percentiles are computed from every 2xx response's own time, at microsecond
// resolution; autocannon's histogram (1 ms buckets) is kept alongside for reference.
import autocannon from 'autocannon';
import { CpuMeter, type CpuUse } from '../support/cpuMeter';
import { percentile } from '../support/report';

export interface LoadOptions {
  readonly title: string;
  /** Absolute URL, path and query included. */
  readonly url: string;
  readonly connections: number;
  /** Run for this long… */
  readonly seconds?: number;
  /** …or until this many requests have been answered. */
  readonly amount?: number;
  /** Requests per second over all connections; absent means as fast as the server answers. */
  readonly overallRate?: number;
  readonly body: () => string;
  /** Called with each 2xx response body. */
  readonly onAccepted?: (body: string) => void;
  /** The servers' pids, to tell the bench's CPU use from the rest of the machine's. */
  readonly serverPids: readonly (number | undefined)[];
}

export interface LoadResult {
  readonly title: string;
  readonly offeredPerSecond: number | undefined;
  readonly seconds: number;
  readonly responses: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
  /** 2xx responses per second. */
  readonly achievedPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** autocannon's own histogram figures (integer milliseconds). */
  readonly autocannonP50: number;
  readonly autocannonP99: number;
  /** CPU used during the run, in cores: the machine, the bench's processes, everything else. */
  readonly cpu: CpuUse | undefined;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const { pathname, search } = new URL(options.url);
  const meter = new CpuMeter(() => options.serverPids).start();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
        // Our percentiles come from the raw response times; keep autocannon's histogram on the same footing
        // (its correction assumes an interval of ceil(1/rate) ms, i.e. 1 ms whatever the rate).
        ...(options.overallRate !== undefined
          ? { overallRate: options.overallRate, ignoreCoordinatedOmission: true }
          : {}),
        requests: [
          {
            method: 'POST',
            path: `${pathname}${search}`,
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: options.body() }),
            ...(options.onAccepted
              ? {
                  onResponse: (status: number, body: string) => {
                    if (status >= 200 && status < 300) options.onAccepted?.(body);
                  },
                }
              : {}),
          },
        ],
      },
      (err: unknown, result) => {
        const cpu = meter.stop();
        if (err) {
          reject(err instanceof Error ? err : new Error(`autocannon failed: ${JSON.stringify(err)}`));
          return;
        }
        const ok = result['2xx'];
        const statusCodes: Record<string, number> = {};
        for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
          statusCodes[code] = stats.count ?? 0;
        }
        resolve({
          title: options.title,
          offeredPerSecond: options.overallRate,
          seconds: result.duration,
          responses: Object.values(statusCodes).reduce((a, b) => a + b, 0),
          ok,
          non2xx: result.non2xx,
          statusCodes,
          errors: result.errors,
          timeouts: result.timeouts,
          achievedPerSecond: result.duration > 0 ? ok / result.duration : 0,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          max: latencies.reduce((a, b) => Math.max(a, b), 0),
          autocannonP50: result.latency.p50,
          autocannonP99: result.latency.p99,
          cpu,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}
