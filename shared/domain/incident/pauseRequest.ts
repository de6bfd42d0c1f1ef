// A pause is taken between steps, not in the middle of one: what the operator who asked is told, and the
// timeline entry that records the request until the runbook takes it.
import type { Incident } from './Incident';
import { currentStepId } from './IncidentRunbook';
import type { RecordedRunbookControl } from './runbookControlLog';
import type { TimelineEntry } from './TimelineEntry';

/** When a pause requested now takes effect, in words: the step running now finishes first. */
export function whenPauseTakesEffect(incident: Incident): string {
  const running =
    incident.runbook === undefined ? undefined : currentStepId(incident.runbook, incident.steps);
  return running === undefined
    ? 'it takes effect before the next step starts'
    : `it takes effect after step ${running} finishes`;
}

/** Recorded with the control (its `seq` makes the entry once per request). */
export function pauseRequestedEntry(control: RecordedRunbookControl, incident: Incident): TimelineEntry {
  return {
    id: `${control.purpose}:pause-requested:${control.seq}`,
    at: control.at,
    type: 'pause-requested',
    actor: control.actor,
    message: `${control.actor} asked to pause the runbook; ${whenPauseTakesEffect(incident)}${
      control.comment ? `: ${control.comment}` : ''
    }`,
  };
}
