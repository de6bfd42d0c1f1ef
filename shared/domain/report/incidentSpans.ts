// An incident's time cut into spans (observation, approval, each step, operator pauses, validation), each
// spent either waiting for people or on machine work: what the timeline chart draws and the report sums.
import type { Incident } from '../incident/Incident';
import type { TimelineEntry } from '../incident/TimelineEntry';

export type SpanKind = 'machine' | 'people';

export interface IncidentSpan {
  readonly label: string;
  readonly kind: SpanKind;
  /** Epoch milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  /** Still running when the report was made: the span ends at `now`. */
  readonly open: boolean;
  /** A step's status (succeeded, failed, skipped...), or the phase's outcome. */
  readonly status: string;
}

/** A pause of the runbook: when it started and ended (or now), who paused it and why. */
export interface RunbookPauseSpan {
  readonly startMs: number;
  readonly endMs: number;
  readonly open: boolean;
  readonly pausedBy?: string;
  readonly resumedBy?: string;
  readonly message: string;
}

const PEOPLE_STEP_TYPES: ReadonlySet<string> = new Set(['manual']);

/** Pairs every `runbook-paused` entry with the `runbook-resumed` entry that ends it. */
export function runbookPauses(timeline: readonly TimelineEntry[], stoppedAtMs: number): RunbookPauseSpan[] {
  const pauses: RunbookPauseSpan[] = [];
  let open: { at: number; actor?: string; message: string } | undefined;
  for (const entry of timeline) {
    if (entry.type === 'runbook-paused' && open === undefined) {
      open = { at: Date.parse(entry.at), message: entry.message, ...actorOf(entry) };
    } else if (entry.type === 'runbook-resumed' && open !== undefined) {
      pauses.push({
        startMs: open.at,
        endMs: Date.parse(entry.at),
        open: false,
        message: open.message,
        ...(open.actor ? { pausedBy: open.actor } : {}),
        ...(entry.actor ? { resumedBy: entry.actor } : {}),
      });
      open = undefined;
    }
  }
  if (open !== undefined) {
    pauses.push({
      startMs: open.at,
      endMs: Math.max(open.at, stoppedAtMs),
      open: true,
      message: open.message,
      ...(open.actor ? { pausedBy: open.actor } : {}),
    });
  }
  return pauses;
}

/** When the incident stopped (recovered, or ended), or `now` while it is open. */
export function stoppedAt(incident: Pick<Incident, 'recoveredAt' | 'endedAt'>, now: Date): number {
  const at = incident.recoveredAt ?? incident.endedAt;
  return at === undefined ? now.getTime() : Date.parse(at);
}

export function incidentSpans(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  now: Date,
): IncidentSpan[] {
  const spans: IncidentSpan[] = [];
  const stop = stoppedAt(incident, now);
  const isOpen = incident.recoveredAt === undefined && incident.endedAt === undefined;
  const detected = Date.parse(incident.detectedAt);
  const requested = firstAt(timeline, 'approval-requested');
  const firstStepStart = incident.steps
    .map((s) => (s.startedAt === undefined ? undefined : Date.parse(s.startedAt)))
    .find((at) => at !== undefined);
  const observationEnd = requested ?? firstStepStart ?? stop;
  spans.push({
    label: 'Observation',
    kind: 'machine',
    startMs: detected,
    endMs: Math.max(detected, observationEnd),
    open: isOpen && requested === undefined && firstStepStart === undefined,
    status: requested !== undefined ? 'approval asked' : (incident.outcome?.status ?? incident.status),
  });
  if (requested !== undefined) {
    const decided =
      incident.activatedAt === undefined
        ? lastAt(timeline, 'approval-decided')
        : Date.parse(incident.activatedAt);
    spans.push({
      label: 'Approval',
      kind: 'people',
      startMs: requested,
      endMs: Math.max(requested, decided ?? stop),
      open: isOpen && decided === undefined,
      status: incident.approval?.status ?? 'pending',
    });
  }
  for (const step of incident.steps) {
    if (step.startedAt === undefined) continue;
    const start = Date.parse(step.startedAt);
    const end = step.endedAt === undefined ? stop : Date.parse(step.endedAt);
    spans.push({
      label: step.name,
      kind: PEOPLE_STEP_TYPES.has(step.type) ? 'people' : 'machine',
      startMs: start,
      endMs: Math.max(start, end),
      open: step.endedAt === undefined && isOpen,
      status: step.status,
    });
  }
  for (const pause of runbookPauses(timeline, stop)) {
    spans.push({
      label: pause.pausedBy ? `Paused by ${pause.pausedBy}` : 'Paused on a failed step',
      kind: 'people',
      startMs: pause.startMs,
      endMs: pause.endMs,
      open: pause.open && isOpen,
      status: pause.open ? 'paused' : 'resumed',
    });
  }
  const lastStepEnd = Math.max(
    ...incident.steps.map((s) => (s.endedAt === undefined ? -Infinity : Date.parse(s.endedAt))),
  );
  const allStepsEnded = incident.steps.length > 0 && incident.steps.every((s) => s.endedAt !== undefined);
  if (allStepsEnded && Number.isFinite(lastStepEnd) && (incident.recoveredAt ?? incident.endedAt)) {
    const end = stop;
    if (end > lastStepEnd) {
      spans.push({
        label: 'Validation',
        kind: 'machine',
        startMs: lastStepEnd,
        endMs: end,
        open: false,
        status: incident.outcome?.status ?? incident.status,
      });
    }
  }
  return spans;
}

/** Seconds spent waiting for people and on machine work, each counted once where spans overlap. */
export function timeSplit(spans: readonly IncidentSpan[]): { peopleSeconds: number; machineSeconds: number } {
  const people = unionMs(spans.filter((s) => s.kind === 'people'));
  // Machine time is what the machines did while nobody was being waited for.
  const all = unionMs(spans);
  return { peopleSeconds: Math.round(people / 1000), machineSeconds: Math.round((all - people) / 1000) };
}

function unionMs(spans: readonly IncidentSpan[]): number {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  let total = 0;
  let currentStart = -Infinity;
  let currentEnd = -Infinity;
  for (const span of sorted) {
    if (span.startMs > currentEnd) {
      if (Number.isFinite(currentEnd)) total += currentEnd - currentStart;
      currentStart = span.startMs;
      currentEnd = span.endMs;
    } else {
      currentEnd = Math.max(currentEnd, span.endMs);
    }
  }
  if (Number.isFinite(currentEnd)) total += currentEnd - currentStart;
  return total;
}

function actorOf(entry: TimelineEntry): { actor?: string } {
  return entry.actor === undefined ? {} : { actor: entry.actor };
}

function firstAt(timeline: readonly TimelineEntry[], type: string): number | undefined {
  const entry = timeline.find((e) => e.type === type);
  return entry === undefined ? undefined : Date.parse(entry.at);
}

function lastAt(timeline: readonly TimelineEntry[], type: string): number | undefined {
  const entry = timeline.findLast((e) => e.type === type);
  return entry === undefined ? undefined : Date.parse(entry.at);
}
