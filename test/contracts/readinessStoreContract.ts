// The ReadinessStore contract: behaviour every implementation must show (the embedded store, and the
// Cosmos DB adapter on its stand-in). Call describeReadinessStoreContract from a *.test.ts file.
import {
  readinessResultId,
  type ReadinessResult,
  type ReadinessState,
} from '../../shared/domain/readiness/ReadinessResult';
import { ValidationError } from '../../shared/errors';
import type { ReadinessStore } from '../../shared/ports/ReadinessStore';

export interface ReadinessStoreContractFixture {
  /** An empty store. */
  readonly store: ReadinessStore;
  readonly dispose: () => Promise<void>;
}

export function evaluation(at: string, state: ReadinessState, workloadId = 'orders-api'): ReadinessResult {
  const failed = state === 'ready' ? [] : ['secondary health check orders-api fails: answered 503'];
  return {
    id: readinessResultId(workloadId, at, 'schedule'),
    workloadId,
    evaluatedAt: at,
    trigger: 'schedule',
    state,
    checks: [
      {
        kind: 'secondary-health',
        name: 'orders-api',
        status: state === 'ready' ? 'pass' : state === 'degraded' ? 'warn' : 'fail',
        reason: failed[0] ?? 'secondary health check orders-api: 200 in 12 ms',
      },
    ],
    reasons: failed,
    replication: { source: 'orders-db', lagSeconds: 42, measuredAt: at },
    runbook: { fingerprint: 'abc123', since: '2026-11-01T00:00:00.000Z' },
  };
}

const T1 = '2026-11-22T03:00:00.000Z';
const T2 = '2026-11-22T03:15:00.000Z';
const T3 = '2026-11-22T03:30:00.000Z';

export function describeReadinessStoreContract(
  name: string,
  factory: () => Promise<ReadinessStoreContractFixture>,
): void {
  describe(`${name} satisfies the ReadinessStore contract`, () => {
    let fixture: ReadinessStoreContractFixture | undefined;
    const store = () => {
      if (fixture === undefined) throw new Error('fixture not ready');
      return fixture.store;
    };

    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    it('has no latest evaluation for a workload never evaluated', async () => {
      expect(await store().latest('orders-api')).toBeUndefined();
      expect(await store().history('orders-api', 10)).toEqual([]);
    });

    it('answers the state each evaluation replaced, and keeps the newest as latest', async () => {
      expect(await store().record(evaluation(T1, 'ready'))).toEqual({ latest: true });
      expect(await store().record(evaluation(T2, 'not-ready'))).toEqual({
        previousState: 'ready',
        latest: true,
      });
      expect(await store().record(evaluation(T3, 'not-ready'))).toEqual({
        previousState: 'not-ready',
        latest: true,
      });
      expect(await store().latest('orders-api')).toEqual(evaluation(T3, 'not-ready'));
    });

    it('answers the first answer again when the same evaluation is recorded twice (a retried activity)', async () => {
      await store().record(evaluation(T1, 'ready'));
      const first = await store().record(evaluation(T2, 'degraded'));
      const again = await store().record(evaluation(T2, 'degraded'));
      expect(again).toEqual(first);
      expect(await store().history('orders-api', 10)).toHaveLength(2);
    });

    it('keeps an older evaluation that arrives late in the history without making it the latest', async () => {
      await store().record(evaluation(T2, 'ready'));
      expect(await store().record(evaluation(T1, 'not-ready'))).toEqual({
        previousState: 'ready',
        latest: false,
      });
      expect((await store().latest('orders-api'))?.evaluatedAt).toBe(T2);
      expect((await store().history('orders-api', 10)).map((r) => r.evaluatedAt)).toEqual([T2, T1]);
    });

    it('lists the history newest first, at most the limit, one workload at a time', async () => {
      await store().record(evaluation(T1, 'ready'));
      await store().record(evaluation(T2, 'degraded'));
      await store().record(evaluation(T3, 'ready'));
      await store().record(evaluation(T2, 'not-ready', 'payments'));
      expect((await store().history('orders-api', 2)).map((r) => r.evaluatedAt)).toEqual([T3, T2]);
      expect((await store().history('payments', 10)).map((r) => r.state)).toEqual(['not-ready']);
      expect((await store().latest('payments'))?.state).toBe('not-ready');
    });

    it('refuses an invalid evaluation and an invalid limit with a ValidationError', async () => {
      await expect(
        store().record({ ...evaluation(T1, 'ready'), state: 'fine' as ReadinessState }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(store().history('orders-api', 0)).rejects.toBeInstanceOf(ValidationError);
    });

    it('sees one change when two evaluations are recorded at once', async () => {
      await store().record(evaluation(T1, 'ready'));
      const answers = await Promise.all([
        store().record(evaluation(T2, 'not-ready')),
        store().record(evaluation(T3, 'not-ready')),
      ]);
      // Exactly one of them replaced `ready`; the other replaced the first one's not-ready.
      expect(answers.filter((a) => a.previousState === 'ready')).toHaveLength(1);
      expect((await store().latest('orders-api'))?.evaluatedAt).toBe(T3);
    });
  });
}
