// One line of an incident's audit trail: what happened, when, and who did it.
import { z } from 'zod';

/** UTC instants are always written the way `Date.prototype.toISOString` writes them (they sort as text). */
const utcInstant = z.iso.datetime({ precision: 3 });

export const timelineEntrySchema = z.object({
  /**
   * Chosen by the writer and deterministic (e.g. `<instanceId>:step:<stepId>:started:<attempt>`), so an
   * activity that runs twice appends the entry once.
   */
  id: z.string().min(1),
  at: utcInstant,
  /** What kind of event: `status-changed`, `alert-received`, `activation-evaluated`, `approval-decision`, `step-started`, `operator-action`... */
  type: z.string().min(1),
  /** Who caused it (an approver, an operator); absent for Lifeboat's own decisions. */
  actor: z.string().min(1).optional(),
  /** For people: shown as is in the status API and notifications. */
  message: z.string(),
  /** Ids and facts for tools; never secrets or payloads. Not shown in the status API. */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
