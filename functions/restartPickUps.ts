// When the local runtime starts again on a data directory with incidents still open, each of their timelines
// says so (shared/domain/incident/pickedUpEntry.ts); their orchestrations go on by themselves. Not in Azure:
// there a worker starting is as often a scale-out as a restart, the Functions host resumes orchestrations on
// any worker, and Application Insights records the host's starts.
import { app } from '@azure/functions';
import { container } from '../shared/container';
import { errorMessage } from '../shared/errors';
import { runsInAzure } from '../shared/hostingEnvironment';
import { pickedUpEntry } from '../shared/domain/incident/pickedUpEntry';
import { INCIDENT_STATUSES, isTerminal } from '../shared/domain/incident/IncidentStatus';

const OPEN_STATUSES = INCIDENT_STATUSES.filter((s) => !isTerminal(s));
const PAGE_SIZE = 100;

app.hook.appStart(async () => {
  if (runsInAzure(process.env)) return;
  const c = container();
  const startedAt = c.now();
  try {
    let token: string | undefined;
    do {
      const page = await c.incidentStore().list({
        status: OPEN_STATUSES,
        limit: PAGE_SIZE,
        ...(token ? { continuationToken: token } : {}),
      });
      for (const incident of page.items) {
        await c.incidentStore().appendTimeline(incident.id, [pickedUpEntry(incident, startedAt)]);
      }
      token = page.continuationToken;
    } while (token);
  } catch (err) {
    // A note for people, not a step of the failover: a store that fails here fails the work itself soon,
    // and says so there.
    // eslint-disable-next-line no-console
    console.warn(`warning: open incidents could not be marked as picked up again: ${errorMessage(err)}`);
  }
});
