// Copies an installation's history from one set of stores to another (the embedded store to Cosmos DB):
// incidents with their steps, runbook plans and timelines, alerts, and dead letters. Through the ports only,
// so it is idempotent by their promises: an incident already there is kept as it is (create), timeline
// entries are appended once per id, plans are kept once, alerts and dead letters are recorded once.
import { RUNBOOK_PURPOSES } from '../../shared/domain/incident/IncidentRunbook';
import type { AlertStore } from '../../shared/ports/AlertStore';
import type { IncidentStore } from '../../shared/ports/IncidentStore';

export interface Stores {
  readonly incidents: IncidentStore;
  readonly alerts: AlertStore;
}

export interface CopyReport {
  readonly incidents: { readonly copied: number; readonly alreadyThere: number };
  readonly timelineEntries: number;
  readonly runbookPlans: number;
  readonly alerts: { readonly copied: number; readonly alreadyThere: number };
  readonly deadLetters: number;
}

/** Rows per page read from the source. */
const PAGE = 100;
/** Timeline entries per append: one write each on Cosmos DB, kept well under its item size limit. */
const ENTRIES_PER_APPEND = 100;
/** More steps than any runbook may have (MAX_STEPS), so one read takes a whole plan. */
const WHOLE_PLAN = 10_000;

export async function copyStores(
  from: Stores,
  to: Stores,
  progress: (line: string) => void = () => undefined,
): Promise<CopyReport> {
  const incidents = { copied: 0, alreadyThere: 0 };
  let timelineEntries = 0;
  let runbookPlans = 0;
  let token: string | undefined;
  do {
    const page = await from.incidents.list({
      limit: PAGE,
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    for (const incident of page.items) {
      const { version: _version, ...record } = incident;
      const { created } = await to.incidents.create(record);
      if (created) incidents.copied++;
      else incidents.alreadyThere++;
      for (const purpose of RUNBOOK_PURPOSES) {
        const plan = await from.incidents.runbookPlan(incident.id, purpose, 0, WHOLE_PLAN);
        if (plan.length > 0) {
          await to.incidents.keepRunbookPlan(incident.id, purpose, plan);
          runbookPlans++;
        }
      }
      // Oldest first, so that entries of the same instant keep their order.
      const timeline = await from.incidents.timeline(incident.id);
      for (let i = 0; i < timeline.length; i += ENTRIES_PER_APPEND) {
        await to.incidents.appendTimeline(incident.id, timeline.slice(i, i + ENTRIES_PER_APPEND));
      }
      timelineEntries += timeline.length;
    }
    progress(`incidents: ${incidents.copied} copied, ${incidents.alreadyThere} already there`);
    token = page.continuationToken;
  } while (token !== undefined);

  const alerts = { copied: 0, alreadyThere: 0 };
  token = undefined;
  do {
    const page = await from.alerts.list({
      limit: PAGE,
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    for (const alert of page.items) {
      const { created } = await to.alerts.record(alert);
      if (created) alerts.copied++;
      else alerts.alreadyThere++;
    }
    progress(`alerts: ${alerts.copied} copied, ${alerts.alreadyThere} already there`);
    token = page.continuationToken;
  } while (token !== undefined);

  let deadLetters = 0;
  token = undefined;
  do {
    const page = await from.alerts.listDeadLetters({
      limit: PAGE,
      ...(token === undefined ? {} : { continuationToken: token }),
    });
    for (const letter of page.items) await to.alerts.recordDeadLetter(letter);
    deadLetters += page.items.length;
    token = page.continuationToken;
  } while (token !== undefined);

  return { incidents, timelineEntries, runbookPlans, alerts, deadLetters };
}
