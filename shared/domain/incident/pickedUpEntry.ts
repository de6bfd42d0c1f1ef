// The timeline entry that says Lifeboat started again while an incident was open: without it, the record of
// a failover interrupted by a restart shows a silent gap, and nobody can tell a stall from a stop.
import type { Incident } from './Incident';
import { currentStepId } from './IncidentRunbook';
import type { TimelineEntry } from './TimelineEntry';

export function pickedUpEntry(incident: Incident, startedAt: Date): TimelineEntry {
  const step = incident.runbook === undefined ? undefined : currentStepId(incident.runbook, incident.steps);
  const at = startedAt.toISOString();
  return {
    id: `picked-up:${at}`,
    at,
    type: 'picked-up',
    message: `Lifeboat started again and goes on with this incident from its record (${incident.status}${
      step === undefined ? '' : `, step ${step}`
    })`,
    data: { status: incident.status, ...(step === undefined ? {} : { stepId: step }) },
  };
}
