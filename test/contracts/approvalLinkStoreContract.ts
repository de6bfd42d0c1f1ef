// The ApprovalLinkStore contract: behaviour every implementation must show (the embedded store, and later
// the Cosmos adapter on its stand-in). Call describeApprovalLinkStoreContract from a *.test.ts file.
import { newNonce } from '../../shared/domain/approvalLinks/newNonce';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { ApprovalLinkStore, ApprovalLinkUse } from '../../shared/ports/ApprovalLinkStore';

export interface ApprovalLinkStoreContractFixture {
  /** An empty store. */
  readonly store: ApprovalLinkStore;
  /** Releases everything the factory made. */
  readonly dispose: () => Promise<void>;
}

const CONCURRENT_USES = 20;
const USED_AT = '2026-11-22T03:20:00.000Z';
const LATER = '2026-11-22T03:21:00.000Z';
const DELIVERED_AT = '2026-11-22T03:20:01.000Z';

/** Alice's Approve link for the first round of the orders-api incident, used by email. */
export function linkUse(changes: Partial<ApprovalLinkUse> = {}): ApprovalLinkUse {
  return {
    incidentId: 'orders-api-20261122-031205',
    round: 1,
    approver: 'alice@example.com',
    decision: 'approve',
    nonce: newNonce(),
    channel: 'email',
    at: USED_AT,
    ...changes,
  };
}

export function describeApprovalLinkStoreContract(
  name: string,
  factory: () => Promise<ApprovalLinkStoreContractFixture>,
): void {
  describe(`${name} satisfies the ApprovalLinkStore contract`, () => {
    let fixture: ApprovalLinkStoreContractFixture | undefined;

    beforeEach(async () => {
      fixture = await factory();
    });

    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    function store(): ApprovalLinkStore {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture.store;
    }

    it("consumes an approver's first link in a round", async () => {
      expect(await store().consume(linkUse())).toEqual({ consumed: true });
    });

    it('refuses a second use of the same link and answers with the recorded use', async () => {
      const first = linkUse({ comment: 'Failover now, the primary is gone.' });
      await store().consume(first);

      const again = await store().consume({ ...first, at: LATER, channel: 'link', comment: 'again' });

      expect(again).toEqual({
        consumed: false,
        previous: {
          decision: 'approve',
          at: USED_AT,
          channel: 'email',
          comment: 'Failover now, the primary is gone.',
        },
      });
    });

    it('lets the first link win: the Reject link after the Approve link is not consumed', async () => {
      await store().consume(linkUse());

      const reject = await store().consume(linkUse({ decision: 'reject', channel: 'teams', at: LATER }));

      expect(reject).toEqual({
        consumed: false,
        previous: { decision: 'approve', at: USED_AT, channel: 'email' },
      });
    });

    it('counts each approver, each round and each incident separately', async () => {
      await store().consume(linkUse());

      const others = await Promise.all([
        store().consume(linkUse({ approver: 'bob@example.com' })),
        store().consume(linkUse({ round: 2 })),
        store().consume(linkUse({ incidentId: 'payments-20261122-031205' })),
      ]);

      expect(others).toEqual([{ consumed: true }, { consumed: true }, { consumed: true }]);
    });

    it(`consumes exactly one of ${CONCURRENT_USES} concurrent uses of one approver's two links`, async () => {
      const uses = Array.from({ length: CONCURRENT_USES }, (_, i) =>
        linkUse({
          decision: i % 2 === 0 ? 'approve' : 'reject',
          at: new Date(Date.parse(USED_AT) + i).toISOString(),
        }),
      );

      const results = await Promise.all(uses.map((use) => store().consume(use)));

      const winners = uses.filter((_, i) => results[i]?.consumed === true);
      expect(winners).toHaveLength(1);
      const winner = winners[0];
      const losers = results.filter((result) => !result.consumed);
      expect(losers).toHaveLength(CONCURRENT_USES - 1);
      for (const loser of losers) {
        expect(loser).toEqual({
          consumed: false,
          previous: { decision: winner?.decision, at: winner?.at, channel: 'email' },
        });
      }
    });

    it('reports the delivery once marked, keeping the first instant', async () => {
      await store().consume(linkUse());

      await store().markDelivered(linkUse(), DELIVERED_AT);
      await store().markDelivered(linkUse(), LATER);

      expect(await store().consume(linkUse())).toEqual({
        consumed: false,
        previous: { decision: 'approve', at: USED_AT, channel: 'email', deliveredAt: DELIVERED_AT },
      });
    });

    it('fails to mark the delivery of a use never recorded with a NotFoundError', async () => {
      await store().consume(linkUse());

      await expect(store().markDelivered(linkUse({ round: 2 }), DELIVERED_AT)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('rejects an invalid use with a ValidationError naming the fields, and records nothing', async () => {
      const invalid = {
        ...linkUse(),
        round: 0,
        decision: 'maybe',
        at: 'yesterday',
      } as unknown as ApprovalLinkUse;

      const error: unknown = await store()
        .consume(invalid)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.map((d) => d.path)).toEqual(
        expect.arrayContaining(['round', 'decision', 'at']),
      );
      expect(await store().consume(linkUse())).toEqual({ consumed: true });
    });
  });
}
