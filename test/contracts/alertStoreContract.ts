// The AlertStore contract: behaviour every implementation must show (the embedded store, and the Cosmos
// adapter on its stand-in). Call describeAlertStoreContract from a *.test.ts file.
import { ValidationError } from '../../shared/errors';
import type { AlertStore, DeadLetter, StoredAlert } from '../../shared/ports/AlertStore';
import { genericAlert } from '../support/genericAlert';

export interface AlertStoreContractFixture {
  /** An empty store. */
  readonly store: AlertStore;
  readonly dispose: () => Promise<void>;
}

export function storedAlert(
  id: string,
  index: number,
  routing: 'routed' | 'unrouted' = 'routed',
): StoredAlert {
  return {
    alert: genericAlert({ id, source: 'it', summary: id }),
    receivedAt: new Date(Date.UTC(2026, 10, 22, 3, 0, 0, index)).toISOString(),
    routing,
    workloadIds: routing === 'routed' ? ['orders-api'] : [],
    routingReasons: [routing === 'routed' ? 'orders-api: label' : 'no workload'],
  };
}

function deadLetter(messageId: string, second: number): DeadLetter {
  return {
    messageId,
    entity: 'alerts',
    reason: 'InvalidAlertMessage',
    details: [{ path: 'id', message: 'Required' }],
    body: '{"not":"an alert"}',
    deadLetteredAt: new Date(Date.UTC(2026, 10, 22, 3, 0, second)).toISOString(),
  };
}

export function describeAlertStoreContract(
  name: string,
  factory: () => Promise<AlertStoreContractFixture>,
): void {
  describe(`${name} satisfies the AlertStore contract`, () => {
    let fixture: AlertStoreContractFixture | undefined;
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });
    const store = (): AlertStore => {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture.store;
    };

    it('records an alert once and keeps the first record, also under concurrent redeliveries', async () => {
      const first = storedAlert('a', 1);
      expect(await store().record(first)).toEqual({ created: true });
      expect(await store().record({ ...first, routing: 'unrouted', workloadIds: [] })).toEqual({
        created: false,
      });
      expect(await store().get(first.alert.id)).toEqual(first);

      const twice = storedAlert('b', 2);
      const results = await Promise.all(Array.from({ length: 10 }, () => store().record(twice)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('answers undefined for an alert it never recorded', async () => {
      expect(await store().get('never')).toBeUndefined();
    });

    it('pages newest first through every alert without gaps or repeats, and filters', async () => {
      for (let i = 0; i < 25; i++) {
        await store().record(storedAlert(`a${i}`, i, i % 5 === 0 ? 'unrouted' : 'routed'));
      }
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await store().list({ limit: 10, ...(token ? { continuationToken: token } : {}) });
        seen.push(...page.items.map((a) => a.alert.summary));
        token = page.continuationToken;
      } while (token !== undefined);
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `a${24 - i}`));
      expect((await store().list({ limit: 50, routing: 'unrouted' })).items).toHaveLength(5);
      expect((await store().list({ limit: 50, workloadId: 'orders-api' })).items).toHaveLength(20);
      expect((await store().list({ limit: 50, workloadId: 'billing' })).items).toHaveLength(0);
    });

    it('rejects (does not throw) a continuation token it did not issue', async () => {
      await expect(store().list({ limit: 10, continuationToken: 'garbage' })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(
        store().listDeadLetters({ limit: 10, continuationToken: 'garbage' }),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('keeps one dead letter per message and pages them newest first', async () => {
      // Message ids are the sender's: any characters, also those that are special in URLs.
      await store().recordDeadLetter(deadLetter('m1/a?b#c%20', 1));
      await store().recordDeadLetter({ ...deadLetter('m1/a?b#c%20', 5), reason: 'Later' });
      await store().recordDeadLetter(deadLetter('m2', 2));
      await store().recordDeadLetter(deadLetter('m3', 3));

      const first = await store().listDeadLetters({ limit: 2 });
      expect(first.items.map((d) => d.messageId)).toEqual(['m3', 'm2']);
      const second = await store().listDeadLetters({
        limit: 2,
        continuationToken: first.continuationToken ?? '',
      });
      expect(second.items).toEqual([deadLetter('m1/a?b#c%20', 1)]);
      expect(second.continuationToken).toBeUndefined();
    });
  });
}
