// Timer triggers in the local runtime against the Functions host's timer listener: NCRONTAB schedules on
// the runtime's clock, one run per occurrence, a failed run does not stop the schedule, runOnStartup runs
// once at each start, and an occurrence missed while the runtime was down runs once at the next start with
// isPastDue (however many were missed), after which the regular schedule goes on.
import { ManualClock } from '../../local/clock/Clock';
import type { LocalRuntime } from '../../local/LocalRuntime';
import { timerRuns } from './apps/timerApp';
import { removeDir, startTestRuntime, tempDataDir } from './support/testRuntime';

const loadApp = () => {
  require('./apps/timerApp');
};
const minute = 60 * 1000;
const start = Date.UTC(2026, 0, 1, 0, 1, 0);

let runtime: LocalRuntime | undefined;
let dataDir: string;

beforeEach(() => {
  dataDir = tempDataDir();
  timerRuns.length = 0;
});

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  removeDir(dataDir);
});

const runsOf = (fn: string) => timerRuns.filter((r) => r.fn === fn);

async function advance(clock: ManualClock, ms: number): Promise<void> {
  clock.advance(ms);
  await runtime?.idle();
}

it('runs each occurrence of the schedule once, on the runtime clock, and keeps going after a failed run', async () => {
  const clock = new ManualClock(start);
  ({ runtime } = await startTestRuntime({ loadApp, clock, dataDir }));
  await runtime.idle();
  expect(runsOf('everyFiveMinutes')).toEqual([]);

  await advance(clock, 3 * minute + 59_000); // 00:04:59
  expect(runsOf('everyFiveMinutes')).toEqual([]);
  await advance(clock, 1000); // 00:05:00
  expect(runsOf('everyFiveMinutes')).toEqual([
    expect.objectContaining({ isPastDue: false, next: '2026-01-01T00:05:00.000Z' }),
  ]);
  await advance(clock, 4 * minute); // 00:09:00: nothing new
  expect(runsOf('everyFiveMinutes')).toHaveLength(1);
  await advance(clock, minute); // 00:10:00
  expect(runsOf('everyFiveMinutes')).toHaveLength(2);
  expect(runsOf('everyFiveMinutes')[1]).toMatchObject({
    last: '2026-01-01T00:05:00.000Z',
    next: '2026-01-01T00:10:00.000Z',
  });
  // The failing function ran at both occurrences: its failure did not stop its schedule.
  expect(runsOf('alwaysFails')).toHaveLength(2);
});

it('runs runOnStartup once at each start, and a missed occurrence once (isPastDue) after a restart across it', async () => {
  let clock = new ManualClock(start);
  ({ runtime } = await startTestRuntime({ loadApp, clock, dataDir }));
  await runtime.idle();
  expect(runsOf('hourlyOnStartup')).toEqual([expect.objectContaining({ isPastDue: false })]);
  await advance(clock, 4 * minute); // 00:05
  expect(runsOf('everyFiveMinutes')).toHaveLength(1);
  await runtime.stop();

  // Down from 00:05 to 00:23: the occurrences at 00:10, 00:15 and 00:20 were missed.
  clock = new ManualClock(start + 22 * minute);
  ({ runtime } = await startTestRuntime({ loadApp, clock, dataDir }));
  await runtime.idle();
  const afterRestart = runsOf('everyFiveMinutes');
  expect(afterRestart).toHaveLength(2);
  expect(afterRestart[1]).toMatchObject({ isPastDue: true, next: '2026-01-01T00:10:00.000Z' });
  // runOnStartup ran again; the hour's occurrence at 01:00 was not due, so it is not past due.
  expect(runsOf('hourlyOnStartup')).toEqual([
    expect.objectContaining({ isPastDue: false }),
    expect.objectContaining({ isPastDue: false }),
  ]);

  // The regular schedule goes on from the past-due run: 00:25 is next, and runs once.
  await advance(clock, minute); // 00:24
  expect(runsOf('everyFiveMinutes')).toHaveLength(2);
  await advance(clock, minute); // 00:25
  expect(runsOf('everyFiveMinutes')).toHaveLength(3);
  expect(runsOf('everyFiveMinutes')[2]).toMatchObject({ isPastDue: false, next: '2026-01-01T00:25:00.000Z' });
});

it('does not run a past-due occurrence after a restart that crossed none', async () => {
  let clock = new ManualClock(start);
  ({ runtime } = await startTestRuntime({ loadApp, clock, dataDir }));
  await runtime.idle();
  await runtime.stop();
  clock = new ManualClock(start + 2 * minute); // 00:03, before 00:05
  ({ runtime } = await startTestRuntime({ loadApp, clock, dataDir }));
  await runtime.idle();
  expect(runsOf('everyFiveMinutes')).toEqual([]);
});
