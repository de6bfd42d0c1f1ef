// Writes milliseconds the way activation reasons show them: "6m 10s" (short) or "10 minutes" (long).

const UNITS = [
  { ms: 86_400_000, short: 'd', long: 'day' },
  { ms: 3_600_000, short: 'h', long: 'hour' },
  { ms: 60_000, short: 'm', long: 'minute' },
  { ms: 1_000, short: 's', long: 'second' },
] as const;

export type DurationStyle = 'short' | 'long';

/**
 * Whole seconds, rounded down, largest unit first, zero parts left out: `1h 30m`, `6m 10s`, `2d`;
 * long style spells units out: `1 hour 30 minutes`. Zero, negative and non-finite values read `0s` / `0 seconds`.
 */
export function formatDuration(ms: number, style: DurationStyle = 'short'): string {
  let rest = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1_000) * 1_000 : 0;
  const parts: string[] = [];
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.ms);
    rest -= count * unit.ms;
    if (count > 0) {
      parts.push(
        style === 'short' ? `${count}${unit.short}` : `${count} ${unit.long}${count === 1 ? '' : 's'}`,
      );
    }
  }
  if (parts.length === 0) {
    return style === 'short' ? '0s' : '0 seconds';
  }
  return parts.join(' ');
}
