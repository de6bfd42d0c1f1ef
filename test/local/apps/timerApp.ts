// A test-only function app with timer triggers: what each invocation was handed, for assertions.
import { app, type Timer } from '@azure/functions';

export const timerRuns: { fn: string; isPastDue: boolean; last: string; next: string }[] = [];

app.timer('everyFiveMinutes', {
  schedule: '0 */5 * * * *',
  handler: (timer: Timer) => {
    timerRuns.push({
      fn: 'everyFiveMinutes',
      isPastDue: timer.isPastDue,
      last: timer.scheduleStatus.last,
      next: timer.scheduleStatus.next,
    });
  },
});

app.timer('hourlyOnStartup', {
  schedule: '0 0 * * * *',
  runOnStartup: true,
  handler: (timer: Timer) => {
    timerRuns.push({
      fn: 'hourlyOnStartup',
      isPastDue: timer.isPastDue,
      last: timer.scheduleStatus.last,
      next: timer.scheduleStatus.next,
    });
  },
});

app.timer('alwaysFails', {
  schedule: '0 */5 * * * *',
  handler: () => {
    timerRuns.push({ fn: 'alwaysFails', isPastDue: false, last: '', next: '' });
    throw new Error('this run fails');
  },
});
