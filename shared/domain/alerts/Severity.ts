// Alert severities, Azure Monitor's scale: Sev0 is the most severe, Sev4 the least.
import { z } from 'zod';

export const SEVERITIES = ['Sev0', 'Sev1', 'Sev2', 'Sev3', 'Sev4'] as const;

export const severitySchema = z.enum(SEVERITIES);

export type Severity = z.infer<typeof severitySchema>;
