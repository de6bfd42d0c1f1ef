// The timeline chart's geometry (SVG user units): one bar per span from its start to its end, on a time axis
// from detection, with the RTO target as a vertical line. Templates draw it; nothing here is markup.
import { formatDuration } from '../wording/formatDuration';
import type { IncidentSpan, SpanKind } from './incidentSpans';

export const CHART_WIDTH = 960;
const LABEL_WIDTH = 230;
const ROW_HEIGHT = 24;
const BAR_HEIGHT = 14;
const TOP = 28;
const BOTTOM = 26;
const TICKS = 6;
/** A bar is never thinner than this, so an instant step still shows. */
const MIN_BAR = 2;

export interface ChartBar {
  readonly label: string;
  readonly kind: SpanKind;
  readonly status: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly labelY: number;
  /** For the tooltip (`<title>`) and the text version. */
  readonly duration: string;
  readonly startOffset: string;
  readonly open: boolean;
}

export interface TimelineChart {
  readonly width: number;
  readonly height: number;
  readonly plotLeft: number;
  readonly plotRight: number;
  readonly plotTop: number;
  readonly plotBottom: number;
  readonly bars: readonly ChartBar[];
  readonly rto: { readonly x: number; readonly label: string; readonly labelX: number };
  /** `anchor` keeps the first and last labels inside the drawing. */
  readonly ticks: readonly { readonly x: number; readonly label: string; readonly anchor: string }[];
  readonly hasBars: boolean;
}

export function timelineChart(
  spans: readonly IncidentSpan[],
  detectedAtMs: number,
  rtoTargetSeconds: number,
): TimelineChart {
  const rtoMs = rtoTargetSeconds * 1000;
  const lastEnd = Math.max(detectedAtMs, ...spans.map((s) => s.endMs));
  // The axis always reaches past the RTO target, so how much budget was left (or overrun) is visible.
  const spanMs = Math.max(rtoMs, lastEnd - detectedAtMs, 1000) * 1.05;
  const plotLeft = LABEL_WIDTH;
  const plotRight = CHART_WIDTH - 16;
  const scale = (plotRight - plotLeft) / spanMs;
  const xOf = (ms: number) => round(plotLeft + Math.max(0, ms - detectedAtMs) * scale);
  const bars = spans.map((span, index): ChartBar => {
    const x = xOf(span.startMs);
    const y = TOP + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    return {
      label: span.label,
      kind: span.kind,
      status: span.status,
      x,
      y,
      width: Math.max(MIN_BAR, round(xOf(span.endMs) - x)),
      height: BAR_HEIGHT,
      labelY: y + BAR_HEIGHT - 3,
      duration: formatDuration(span.endMs - span.startMs),
      startOffset: `+${formatDuration(span.startMs - detectedAtMs)}`,
      open: span.open,
    };
  });
  const plotBottom = TOP + Math.max(1, spans.length) * ROW_HEIGHT;
  const rtoX = xOf(detectedAtMs + rtoMs);
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => {
    const ms = (spanMs / TICKS) * i;
    return {
      x: xOf(detectedAtMs + ms),
      label: `+${formatDuration(ms)}`,
      anchor: i === 0 ? 'start' : i === TICKS ? 'end' : 'middle',
    };
  });
  return {
    width: CHART_WIDTH,
    height: plotBottom + BOTTOM,
    plotLeft,
    plotRight,
    plotTop: TOP,
    plotBottom,
    bars,
    // The label sits left of the line: the line is never left of the plot's middle.
    rto: { x: rtoX, label: `RTO ${formatDuration(rtoMs)}`, labelX: rtoX - 4 },
    ticks,
    hasBars: bars.length > 0,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
