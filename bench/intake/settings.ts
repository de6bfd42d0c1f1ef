// The bench's knobs, all from the environment. Defaults finish in about 2-3 minutes on a 2-core machine.
import { envNumber, envNumbers } from '../support/report';

export type Phase = 'loads' | 'max' | 'storm';
const PHASES: readonly Phase[] = ['loads', 'max', 'storm'];

export interface BenchSettings {
  /** Length of each fixed-load and max-throughput run. */
  readonly seconds: number;
  /** Offered loads (requests per second over all connections). */
  readonly rates: readonly number[];
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly stormAlerts: number;
  readonly stormRepeats: number;
  readonly stormConnections: number;
  readonly stormTimeoutSeconds: number;
  readonly drainTimeoutSeconds: number;
  readonly pollMs: number;
  readonly phases: ReadonlySet<Phase>;
  /** Extra node flags for the runtime child only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  readonly runtimeNodeArgs: readonly string[];
  readonly keepDir: boolean;
  /** Where to write the figures as JSON, if anywhere. */
  readonly jsonOut: string | undefined;
}

export function readSettings(): BenchSettings {
  const phases = (process.env.BENCH_PHASES ?? PHASES.join(','))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const unknown = phases.filter((p) => !PHASES.includes(p as Phase));
  if (unknown.length > 0) {
    throw new Error(`BENCH_PHASES: unknown phase(s) ${unknown.join(', ')}; use ${PHASES.join(', ')}`);
  }
  return {
    seconds: envNumber('BENCH_SECONDS', 10),
    rates: envNumbers('BENCH_RATES', [100, 500, 1000]),
    connections: envNumber('BENCH_CONNECTIONS', 10),
    warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 2),
    stormAlerts: envNumber('BENCH_STORM_ALERTS', 10_000),
    stormRepeats: envNumber('BENCH_STORM_REPEATS', 5),
    stormConnections: envNumber('BENCH_STORM_CONNECTIONS', 20),
    stormTimeoutSeconds: envNumber('BENCH_STORM_TIMEOUT_SECONDS', 300),
    drainTimeoutSeconds: envNumber('BENCH_DRAIN_TIMEOUT_SECONDS', 60),
    pollMs: envNumber('BENCH_POLL_MS', 500),
    phases: new Set(phases as Phase[]),
    runtimeNodeArgs: (process.env.BENCH_RUNTIME_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== ''),
    keepDir: process.env.BENCH_KEEP_DIR === '1' || process.env.BENCH_KEEP_DIR === 'true',
    jsonOut: nonEmpty(process.env.BENCH_OUT),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
