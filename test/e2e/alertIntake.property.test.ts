// Properties of the intake over HTTP: mutated and garbage bodies never get a 5xx, every rejection says
// what is wrong, and every alert answered with 202 is recorded by the correlator — none lost.
import fc from 'fast-check';
import { container } from '../../shared/container';
import { ALERTS_QUEUE } from '../../shared/domain/contracts/queues';
import { ALERT_FIXTURES, jsonValue, mutate, mutation, type Json } from '../support/alertMutations';
import { loadAlertFixture } from '../unit/shared/domain/alerts/alertTestSupport';
import { startAppRuntime } from './support/appRuntime';

const NUM_RUNS = 150;

describe('POST /api/alerts (properties)', () => {
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const accepted = new Set<string>();

  beforeAll(async () => {
    app = await startAppRuntime();
  });
  afterAll(async () => {
    await app.stop();
  });

  async function post(raw: string): Promise<void> {
    const res = await app.postAlerts(undefined, { raw });
    expect([202, 400, 413]).toContain(res.status);
    const body = (await res.json()) as {
      alerts?: { id: string }[];
      error?: { code: string; message: string; details: unknown[] };
    };
    if (res.status === 202) {
      for (const alert of body.alerts ?? []) accepted.add(alert.id);
    } else {
      expect(body.error?.code).toMatch(/^[a-z_]+$/);
      expect(body.error?.message.trim()).not.toBe('');
      expect(Array.isArray(body.error?.details)).toBe(true);
    }
  }

  it('answers mutated valid payloads with 202 or a 4xx that explains', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ALERT_FIXTURES),
        fc.array(mutation, { minLength: 0, maxLength: 4 }),
        async (name, mutations) => {
          await post(JSON.stringify(mutations.reduce(mutate, loadAlertFixture(name) as Json)));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers arbitrary JSON and non-JSON text with a 4xx that explains', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonValue.map((v) => JSON.stringify(v)),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
        ),
        post,
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('records every alert it accepted: none lost between the 202 and the correlator', async () => {
    expect(accepted.size).toBeGreaterThan(0);
    await app.runtime.idle();
    const store = container().alertStore();
    const missing: string[] = [];
    for (const id of accepted) {
      if ((await store.get(id)) === undefined) missing.push(id);
    }
    expect(missing).toEqual([]);
    expect(app.runtime.queue.deadLetters(ALERTS_QUEUE)).toEqual([]);
    expect((await store.listDeadLetters({ limit: 10 })).items).toEqual([]);
  });
});
