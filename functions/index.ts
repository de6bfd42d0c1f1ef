// The app's entry point (package.json "main"): importing a module registers its functions.
import { app } from '@azure/functions';
import { container } from '../shared/container';
import './health';
import './alertIntake';
import './alertCorrelator';
import './alertQueries';
import './incidents';
import './orchestrations';
import './activities/correlationActivities';
import './activities/incidentLifecycleActivities';
import './activities/runbookActivities';

// Load and validate the catalog at start-up: a broken catalog stops the app with every error listed,
// rather than surfacing on the first alert.
app.hook.appStart(() => {
  container().catalog();
  // Opens the stores too, so a store that cannot be used (e.g. Cosmos selected) stops the start, not an alert.
  container().incidentStore();
});

app.hook.appTerminate(async () => {
  await container().close();
});
