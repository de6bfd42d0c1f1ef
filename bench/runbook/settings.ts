// The runbook bench's knobs, all from the environment (docs/benchmarks.md lists them). The defaults take
// about a minute on a 2-core machine.
import { MAX_STEPS } from '../../shared/domain/runbook/Runbook';
import { envNumber, envNumbers } from '../support/report';

export interface RunbookBenchSettings {
  /** Runbook lengths to measure, one fresh runtime each; the first and last are compared for growth. */
  readonly steps: readonly number[];
  /** Steps of the runbook run once on each runtime before the measured one (JIT, connections); 0 for none. */
  readonly warmupSteps: number;
  /** Times the final episode of each measured runbook is replayed: the first cold, the last half warm. */
  readonly replays: number;
  /** Give up on a runbook (or an incident reaching it) after this long. */
  readonly timeoutSeconds: number;
  /** Extra node flags for the runtime child only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  readonly runtimeNodeArgs: readonly string[];
  readonly keepDir: boolean;
  /** Where to write the figures as JSON, if anywhere. */
  readonly jsonOut: string | undefined;
}

export function readRunbookSettings(): RunbookBenchSettings {
  const steps = envNumbers('BENCH_RUNBOOK_STEPS', [50, 100, 200]);
  const bad = steps.filter((n) => !Number.isInteger(n) || n < 2 || n > MAX_STEPS);
  if (bad.length > 0) {
    throw new Error(
      `BENCH_RUNBOOK_STEPS: each runbook needs a whole number of steps from 2 to ${MAX_STEPS}, got ${bad.join(', ')}`,
    );
  }
  const warmupSteps = envNumber('BENCH_RUNBOOK_WARMUP_STEPS', 10);
  if (!Number.isInteger(warmupSteps) || warmupSteps > MAX_STEPS) {
    throw new Error(`BENCH_RUNBOOK_WARMUP_STEPS must be a whole number up to ${MAX_STEPS}`);
  }
  return {
    steps,
    warmupSteps,
    replays: Math.max(1, Math.floor(envNumber('BENCH_RUNBOOK_REPLAYS', 20))),
    timeoutSeconds: envNumber('BENCH_RUNBOOK_TIMEOUT_SECONDS', 600),
    runtimeNodeArgs: (process.env.BENCH_RUNTIME_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== ''),
    keepDir: process.env.BENCH_KEEP_DIR === '1' || process.env.BENCH_KEEP_DIR === 'true',
    jsonOut: nonEmpty(process.env.BENCH_OUT),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
