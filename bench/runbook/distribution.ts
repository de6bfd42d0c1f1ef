// Median and p99 of a set of timings, with the count and the largest, as the runbook bench reports them.
import { percentile } from '../support/report';

export interface Distribution {
  readonly count: number;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
}

export function distribution(values: readonly number[]): Distribution {
  return {
    count: values.length,
    median: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : values.reduce((a, b) => Math.max(a, b)),
  };
}
