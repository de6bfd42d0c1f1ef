// Milliseconds between consecutive arrivals at the target: with calls made one after another, each gap is
// one call's round trip plus whatever the caller did between receiving a response and sending the next.
import type { Arrival } from './StepTarget';

const NS_PER_MS = 1_000_000;

export function arrivalGaps(arrivals: readonly Arrival[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < arrivals.length; i++) {
    const previous = arrivals[i - 1];
    const current = arrivals[i];
    if (previous && current) gaps.push(Number(current.at - previous.at) / NS_PER_MS);
  }
  return gaps;
}
