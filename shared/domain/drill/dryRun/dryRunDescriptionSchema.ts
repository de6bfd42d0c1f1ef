// The dry-run description as a step's record keeps it (validated like every stored field).
import { z } from 'zod';

export const dryRunRequestSchema = z.object({
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().optional(),
});

export const dryRunDescriptionSchema = z.object({
  summary: z.string().min(1),
  requests: z.array(dryRunRequestSchema),
  instructions: z.string().min(1).optional(),
  expectedSeconds: z.object({ min: z.number().nonnegative(), max: z.number().nonnegative() }),
});
