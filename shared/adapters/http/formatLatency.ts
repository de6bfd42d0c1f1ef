// Latencies the way timeline reasons show them: "35 ms" below a second, "1.2 s" above.

export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '0 ms';
  }
  if (ms < 1_000) {
    return `${Math.round(ms)} ms`;
  }
  return `${(ms / 1_000).toFixed(1).replace(/\.0$/, '')} s`;
}
