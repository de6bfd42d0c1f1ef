// The app's entry point (package.json "main"): importing a module registers its functions.
import './telemetry/telemetryFirst';
import { app } from '@azure/functions';
import { container } from '../shared/container';
import { catalogWarnings } from '../shared/domain/catalog/catalogWarnings';
import { missingSecrets } from '../shared/domain/runbook/missingSecrets';
import './http/nosniffHook';
import './health';
import './alertIntake';
import './alertCorrelator';
import './alertQueries';
import './deadLetters';
import './incidents';
import './drills';
import './incidentEvents';
import './incidentEventPublishing';
import './restartPickUps';
import './orchestrations';
import './activities/correlationActivities';
import './activities/incidentLifecycleActivities';
import './activities/runbookActivities';
import './activities/drillActivities';
import './activities/azureStepActivities';
import './activities/followUpActivities';
import './activities/notificationActivities';
import './activities/progressUpdateActivities';
import './activities/readinessActivities';
import './approvalPages';
import './reports';
import './readiness';
import './console';

// Load and validate the catalog at start-up: a broken catalog stops the app with every error listed,
// rather than surfacing on the first alert.
app.hook.appStart(async () => {
  const c = container();
  const catalog = c.catalog();
  // A broken message template stops the start too, not the first approval request.
  c.messageTemplates();
  // Opens the stores too, so a store that cannot be used (a Cosmos DB container missing) stops the start.
  await c.prepareStores();
  // A missing credential does not stop the app (alerts and approvals still work), but it is said now.
  for (const { name, neededBy } of missingSecrets(catalog, (n) => c.secret(n))) {
    // App hooks have no invocation context to log through; the host captures the console as app logs.
    // eslint-disable-next-line no-console
    console.warn(
      `warning: app setting ${name} is not set; runbook step(s) ${neededBy.join(', ')} will fail until it is`,
    );
  }
  for (const line of catalogWarnings(catalog)) {
    // eslint-disable-next-line no-console
    console.warn(line);
  }
});

app.hook.appTerminate(async () => {
  await container().close();
});
