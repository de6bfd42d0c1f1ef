// Catalog durations: "30s", "15m", "4h", "2d" as whole seconds; latencies may also say "500ms".
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type DurationUnit = keyof typeof UNIT_MS;

/** One whole number and one unit; nine digits keep every value a safe integer of milliseconds. */
export const DURATION_PATTERN = /^(\d{1,9})(s|m|h|d)$/;
export const LATENCY_PATTERN = /^(\d{1,9})(ms|s|m|h|d)$/;

const DURATION_HINT = 'a whole number and a unit (s, m, h or d), e.g. "30s", "15m", "4h", "2d"';
const LATENCY_HINT = 'a whole number and a unit (ms, s, m, h or d), e.g. "500ms", "2s"';

/** Milliseconds for "15m", "500ms"...; undefined for anything else (no spaces, signs, fractions or mixed units). */
export function parseDurationMs(text: string): number | undefined {
  const match = LATENCY_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  const [, amount, unit] = match;
  return Number(amount) * UNIT_MS[unit as DurationUnit];
}

/** The shortest exact form in whole seconds: 900 → "15m", 90 → "90s", 0 → "0s". */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds > 0 && seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

function durationText(description: string, pattern: RegExp, hint: string) {
  return z
    .string({ error: `Expected a duration: ${hint}` })
    .regex(pattern, { error: (issue) => `Invalid duration ${JSON.stringify(issue.input)}: expected ${hint}` })
    .describe(`${description} A duration: ${hint}.`);
}

function secondsSchema(description: string, allowZero: boolean) {
  return durationText(description, DURATION_PATTERN, DURATION_HINT).transform((text, ctx) => {
    // The pattern already held, so this cannot be undefined; 0 stands in for the impossible case.
    const seconds = (parseDurationMs(text) ?? 0) / 1_000;
    if (seconds === 0 && !allowZero) {
      ctx.addIssue({ code: 'custom', message: `Invalid duration "${text}": expected more than zero` });
      return z.NEVER;
    }
    return seconds;
  });
}

/** A duration of zero or more, parsed to seconds (an RPO of "0s" is a legitimate target). */
export function durationSchema(description: string) {
  return secondsSchema(description, true);
}

/** A duration of at least one second, parsed to seconds (timeouts, windows, cadences). */
export function positiveDurationSchema(description: string) {
  return secondsSchema(description, false);
}

/** A positive duration parsed to milliseconds, for latencies where "500ms" is the natural unit. */
export function latencySchema(description: string) {
  return durationText(description, LATENCY_PATTERN, LATENCY_HINT).transform((text, ctx) => {
    const ms = parseDurationMs(text) ?? 0;
    if (ms === 0) {
      ctx.addIssue({ code: 'custom', message: `Invalid duration "${text}": expected more than zero` });
      return z.NEVER;
    }
    return ms;
  });
}
