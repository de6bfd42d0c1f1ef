// Test-only app for the full-disk test: Lifeboat's own functions, plus an orchestration that keeps durable
// timers firing and activities completing, so the runtime's background loops write while the disk is full.
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import '../../../functions/index';

export const TICK_INTERVAL_MS = 100;

df.app.activity('fullDiskTick', { handler: (tick: number) => tick });

df.app.orchestration('fullDiskTicker', function* (context: OrchestrationContext) {
  const ticks = context.df.getInput<number>();
  for (let tick = 1; tick <= ticks; tick++) {
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + TICK_INTERVAL_MS));
    yield context.df.callActivity('fullDiskTick', tick);
    context.df.setCustomStatus({ tick });
  }
  return ticks;
});
