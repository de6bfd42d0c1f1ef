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

// Load and validate the catalog at start-up: a broken catalog stops the app with every error listed,
// rather than surfacing on the first alert.
app.hook.appStart(() => {
  container().catalog();
});

app.hook.appTerminate(async () => {
  await container().close();
});
