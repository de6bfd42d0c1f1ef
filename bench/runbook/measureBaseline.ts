// The baseline, same run, same target: sequential POSTs made directly with fetch from the bench process,
// shaped like a step's call (JSON body, Idempotency-Key, manual redirects, a timeout signal). What the calls
// alone cost, without the engine around them.
import { arrivalGaps } from './arrivalGaps';
import { distribution, type Distribution } from './distribution';
import type { StepTarget } from './StepTarget';

export interface BaselineFigures {
  readonly calls: number;
  /** From fetch() to the response body read. */
  readonly callMs: Distribution;
  /** Between consecutive arrivals at the target: the like-for-like figure for the engine's gaps. */
  readonly gapMs: Distribution;
}

/** A step's request timeout (the http step default); only its timer's cost matters here. */
const CALL_TIMEOUT_MS = 30_000;

export async function measureBaseline(
  target: StepTarget,
  calls: number,
  warmupCalls: number,
): Promise<BaselineFigures> {
  await callSequentially(target, 'baseline-warmup', warmupCalls);
  const callMs = await callSequentially(target, 'baseline', calls);
  return {
    calls,
    callMs: distribution(callMs),
    gapMs: distribution(arrivalGaps(target.arrivalsOf('baseline'))),
  };
}

async function callSequentially(target: StepTarget, run: string, calls: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 1; i <= calls; i++) {
    const step = `step-${i}`;
    const started = performance.now();
    const response = await fetch(`${target.url}/${run}/${step}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `"bench:${run}:${step}"` },
      body: JSON.stringify({ step }),
      redirect: 'manual',
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`The target answered ${response.status} to the baseline`);
  }
  return times;
}
