// Starts publishing the incident-event outbox to the incident-events topic when the app starts (in the
// Functions worker and in the local runtime alike); `container().close()` at app termination stops it.
import { app } from '@azure/functions';
import { container } from '../shared/container';

app.hook.appStart(() => {
  container().eventPublishing().start();
});
