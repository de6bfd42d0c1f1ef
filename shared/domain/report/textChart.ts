// The timeline chart as text, for the Markdown report and the terminal: one row per span, `#` machine time,
// `=` waiting for people, `|` the RTO target.
import type { TimelineChart } from './timelineChart';

const COLUMNS = 60;
const LABEL = 32;

export function textChart(chart: TimelineChart): string[] {
  const plotWidth = chart.plotRight - chart.plotLeft;
  const column = (x: number) =>
    Math.min(COLUMNS - 1, Math.round(((x - chart.plotLeft) / plotWidth) * COLUMNS));
  const rto = column(chart.rto.x);
  const rows = chart.bars.map((bar) => {
    const from = column(bar.x);
    const to = Math.max(from + 1, column(bar.x + bar.width));
    const cells = Array.from({ length: COLUMNS }, (_, i) => {
      if (i >= from && i < to) return bar.kind === 'people' ? '=' : '#';
      return i === rto ? '|' : ' ';
    });
    const label = bar.label.length > LABEL ? `${bar.label.slice(0, LABEL - 1)}…` : bar.label.padEnd(LABEL);
    return `${label} ${cells.join('')} ${bar.duration}${bar.open ? '+' : ''}`;
  });
  const axis = `${' '.repeat(LABEL)} ${'-'.repeat(rto)}^ ${chart.rto.label}`;
  return [...rows, axis, `${' '.repeat(LABEL)} # machine  = waiting for people`];
}
