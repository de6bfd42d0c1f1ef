// Starts publishing the incident-event outbox to the incident-events topic when the app starts (in the
// Functions worker and in the local runtime alike); `container().close()` at app termination stops it.
import { app } from '@azure/functions';
import { container, NOT_ON_COSMOS } from '../shared/container';

app.hook.appStart(() => {
  const c = container();
  if (c.config.store.kind !== 'embedded') {
    // The host captures the console as app logs; there is no invocation to log through here.
    // eslint-disable-next-line no-console
    console.warn(`warning: incident events are not published: the incident-event outbox is ${NOT_ON_COSMOS}`);
    return;
  }
  c.eventPublishing().start();
});
