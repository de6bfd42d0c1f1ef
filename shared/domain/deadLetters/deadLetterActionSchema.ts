// What an operator did with a dead letter, as every DeadLetterActionLog adapter stores and reads it back.
import { z } from 'zod';

export const deadLetterActionSchema = z.object({
  deadLetterId: z.string().min(1),
  action: z.enum(['resubmit', 'discard']),
  actor: z.string().min(1),
  at: z.iso.datetime({ precision: 3 }),
  entity: z.string().min(1),
  messageId: z.string().min(1),
  resubmittedAs: z.string().min(1).optional(),
});
