// Whether an incident is a real activation or a drill: the same workflow, run on purpose against drill targets.
import { z } from 'zod';

export const INCIDENT_MODES = ['live', 'drill'] as const;
export const incidentModeSchema = z.enum(INCIDENT_MODES);
export type IncidentMode = z.infer<typeof incidentModeSchema>;
