import type { Logger } from '../../../../shared/logging';
import {
  EVENT_NUDGE_DELAY_MS,
  EVENT_RETRY_MAX_DELAY_MS,
  EventPublishing,
} from '../../../../shared/services/EventPublishing';

const SWEEP_MS = 1_000;

/** A publisher whose drains succeed or fail as the test says, counted. */
class FakePublisher {
  drains = 0;
  failing = false;
  drain(): Promise<number> {
    this.drains += 1;
    return this.failing ? Promise.reject(new Error('bus unreachable')) : Promise.resolve(0);
  }
}

const warnings: string[] = [];
const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };

beforeEach(() => {
  jest.useFakeTimers();
  warnings.length = 0;
});
afterEach(() => {
  jest.useRealTimers();
});

describe('EventPublishing', () => {
  it('drains at start, then on every sweep', async () => {
    const publisher = new FakePublisher();
    const publishing = new EventPublishing(publisher, log, SWEEP_MS);
    publishing.start();
    publishing.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(publisher.drains).toBe(1);
    await jest.advanceTimersByTimeAsync(SWEEP_MS * 3);
    expect(publisher.drains).toBe(4);
    await publishing.stop();
  });

  it('turns a burst of nudges into one drain shortly after the first', async () => {
    const publisher = new FakePublisher();
    const publishing = new EventPublishing(publisher, log, SWEEP_MS);
    publishing.start();
    await jest.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i++) publishing.nudge();
    await jest.advanceTimersByTimeAsync(EVENT_NUDGE_DELAY_MS - 1);
    expect(publisher.drains).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(publisher.drains).toBe(2);
    await publishing.stop();
  });

  it('backs off while the bus fails, ignores nudges meanwhile, and recovers', async () => {
    const publisher = new FakePublisher();
    publisher.failing = true;
    const publishing = new EventPublishing(publisher, log, SWEEP_MS);
    publishing.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(publisher.drains).toBe(1);
    publishing.nudge();
    await jest.advanceTimersByTimeAsync(SWEEP_MS - 1);
    expect(publisher.drains).toBe(1);
    await jest.advanceTimersByTimeAsync(1); // 1st retry after one interval
    await jest.advanceTimersByTimeAsync(SWEEP_MS * 2); // 2nd after two
    expect(publisher.drains).toBe(3);
    await jest.advanceTimersByTimeAsync(SWEEP_MS * 4); // then four
    expect(publisher.drains).toBe(4);
    expect(warnings).toHaveLength(4);
    publisher.failing = false;
    await jest.advanceTimersByTimeAsync(Math.min(EVENT_RETRY_MAX_DELAY_MS, SWEEP_MS * 8));
    expect(publisher.drains).toBe(5);
    await jest.advanceTimersByTimeAsync(SWEEP_MS); // back to the normal sweep
    expect(publisher.drains).toBe(6);
    await publishing.stop();
  });

  it('stops: no drain after stop, and nudges do nothing', async () => {
    const publisher = new FakePublisher();
    const publishing = new EventPublishing(publisher, log, SWEEP_MS);
    publishing.start();
    await jest.advanceTimersByTimeAsync(0);
    await publishing.stop();
    publishing.nudge();
    await jest.advanceTimersByTimeAsync(SWEEP_MS * 10);
    expect(publisher.drains).toBe(1);
  });
});
