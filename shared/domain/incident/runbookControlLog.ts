// The operator controls of a runbook (confirm-step, retry-step, skip-step, pause, resume), recorded on the
// incident by the actions API before it raises them. Events do not survive a runbook's hand-over to its
// next execution in Azure (the Durable extension continues out-of-process orchestrations as new without the
// events it had not processed), so each execution starts by taking the controls recorded after the last one
// the previous execution heard (`seq`), and an event whose `seq` it already took is a repeat.
import { z } from 'zod';
import { RUNBOOK_ACTIONS, type RunbookAction } from './operatorActions';
import type { Incident } from './Incident';
import { runbookPurposeSchema, type RunbookPurpose } from './IncidentRunbook';

const utcInstant = z.iso.datetime({ precision: 3 });

/**
 * Controls kept on the incident. A runbook reads only the ones after those it already heard, which are the
 * last few at most (people send them one at a time), so older ones are dropped to keep the record bounded.
 */
export const MAX_RECORDED_CONTROLS = 50;

export const recordedRunbookControlSchema = z.object({
  /** 1, 2, 3… per incident, in the order the API recorded them. */
  seq: z.number().int().positive(),
  purpose: runbookPurposeSchema,
  action: z.enum(RUNBOOK_ACTIONS),
  stepId: z.string().min(1).optional(),
  actor: z.string().min(1),
  at: utcInstant,
  comment: z.string().max(2000).optional(),
});
export type RecordedRunbookControl = z.infer<typeof recordedRunbookControlSchema>;

export const runbookControlLogSchema = z.object({
  /** The last `seq` handed out. */
  last: z.number().int().nonnegative(),
  recent: z.array(recordedRunbookControlSchema).max(MAX_RECORDED_CONTROLS),
});
export type RunbookControlLog = z.infer<typeof runbookControlLogSchema>;

export interface RunbookControlRequest {
  readonly purpose: RunbookPurpose;
  readonly action: RunbookAction;
  readonly stepId?: string;
  readonly actor: string;
  readonly at: string;
  readonly comment?: string;
}

/** The incident with the control recorded under the next `seq` (pure: a store may call it again). */
export function withControlRecorded(
  incident: Incident,
  request: RunbookControlRequest,
): { readonly incident: Incident; readonly control: RecordedRunbookControl } {
  const log = incident.controls ?? { last: 0, recent: [] };
  const control = recordedRunbookControlSchema.parse({ seq: log.last + 1, ...request });
  const recent = [...log.recent, control].slice(-MAX_RECORDED_CONTROLS);
  return { incident: { ...incident, controls: { last: control.seq, recent } }, control };
}

/** The controls for `purpose` recorded after `seq`, oldest first. */
export function controlsAfter(
  log: RunbookControlLog | undefined,
  purpose: RunbookPurpose,
  seq: number,
): RecordedRunbookControl[] {
  return (log?.recent ?? []).filter((c) => c.purpose === purpose && c.seq > seq);
}
