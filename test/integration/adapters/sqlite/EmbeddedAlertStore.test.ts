// The embedded alert store: idempotent records, newest-first keyset paging, filters, dead letters.
import { EmbeddedAlertStore } from '../../../../shared/adapters/sqlite/EmbeddedAlertStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { ValidationError } from '../../../../shared/errors';
import type { StoredAlert } from '../../../../shared/ports/AlertStore';
import { tempDataDir } from '../../../local/support/testRuntime';
import { genericAlert } from '../../../support/genericAlert';

function stored(id: string, index: number, routing: 'routed' | 'unrouted' = 'routed'): StoredAlert {
  return {
    alert: genericAlert({ id, source: 'it', summary: id }),
    receivedAt: new Date(Date.UTC(2026, 10, 22, 3, 0, 0, index)).toISOString(),
    routing,
    workloadIds: routing === 'routed' ? ['orders-api'] : [],
    routingReasons: [routing === 'routed' ? 'orders-api: label' : 'no workload'],
  };
}

describe('EmbeddedAlertStore', () => {
  let db: EmbeddedDatabase;
  let store: EmbeddedAlertStore;

  beforeEach(() => {
    db = openEmbeddedDatabase(tempDataDir());
    store = new EmbeddedAlertStore(db);
  });
  afterEach(() => db.close());

  it('records an alert once and keeps the first record', async () => {
    const first = stored('a', 1);
    expect(await store.record(first)).toEqual({ created: true });
    expect(await store.record({ ...first, routing: 'unrouted', workloadIds: [] })).toEqual({
      created: false,
    });
    expect(await store.get(first.alert.id)).toEqual(first);
  });

  it('pages newest first through every alert without gaps or repeats, and filters', async () => {
    for (let i = 0; i < 25; i++) await store.record(stored(`a${i}`, i, i % 5 === 0 ? 'unrouted' : 'routed'));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await store.list({ limit: 10, ...(token ? { continuationToken: token } : {}) });
      seen.push(...page.items.map((a) => a.alert.summary));
      token = page.continuationToken;
    } while (token !== undefined);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `a${24 - i}`));
    expect((await store.list({ limit: 50, routing: 'unrouted' })).items).toHaveLength(5);
    expect((await store.list({ limit: 50, workloadId: 'orders-api' })).items).toHaveLength(20);
  });

  it('rejects (does not throw) a continuation token it did not issue', async () => {
    await expect(store.list({ limit: 10, continuationToken: 'garbage' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(store.listDeadLetters({ limit: 10, continuationToken: 'garbage' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('keeps one dead letter per message and lists them newest first', async () => {
    const letter = (messageId: string) => ({
      messageId,
      entity: 'alerts',
      reason: 'InvalidAlertMessage',
      details: [{ path: 'id', message: 'Required' }],
      body: '{}',
      deadLetteredAt: '2026-11-22T03:00:00.000Z',
    });
    await store.recordDeadLetter(letter('m1'));
    await store.recordDeadLetter(letter('m1'));
    await store.recordDeadLetter(letter('m2'));
    expect((await store.listDeadLetters({ limit: 10 })).items.map((d) => d.messageId)).toEqual(['m2', 'm1']);
  });
});
