// The BrokerDeadLetters contract: listing a dead-letter sub-queue, resubmitting and discarding by sequence
// number. Run from a *.test.ts file against each broker (the embedded queue; Service Bus on the stand-in).
import type { BrokerDeadLetters } from '../../shared/ports/BrokerDeadLetters';

export const CONTRACT_QUEUE = 'contract-work';

export interface BrokerDeadLettersContractFixture {
  readonly deadLetters: BrokerDeadLetters;
  /** Sends these JSON bodies to CONTRACT_QUEUE and has the broker dead-letter them (max delivery count). */
  readonly deadLetter: (messages: readonly { messageId: string; body: unknown }[]) => Promise<void>;
  /** What is on CONTRACT_QUEUE now (not dead-lettered): ids and parsed bodies. */
  readonly active: () => Promise<{ messageId: string; body: unknown }[]>;
  readonly dispose: () => Promise<void>;
}

export function describeBrokerDeadLettersContract(
  name: string,
  factory: () => Promise<BrokerDeadLettersContractFixture>,
): void {
  describe(`${name} satisfies the BrokerDeadLetters contract`, () => {
    let fixture: BrokerDeadLettersContractFixture | undefined;
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });
    const f = () => {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture;
    };

    it('peeks the oldest dead letters with the reason and a bounded preview, every time from the start', async () => {
      await f().deadLetter([
        { messageId: 'a', body: { n: 1 } },
        { messageId: 'b', body: { text: 'y'.repeat(9_000) } },
      ]);
      const first = await f().deadLetters.peek(CONTRACT_QUEUE, 10);
      expect(first).toMatchObject([
        {
          entity: CONTRACT_QUEUE,
          messageId: 'a',
          reason: 'MaxDeliveryCountExceeded',
          bodyPreview: '{"n":1}',
          bodyTruncated: false,
        },
        { messageId: 'b', bodyTruncated: true },
      ]);
      expect(first[1]?.bodyPreview.length).toBeLessThan(4_200);
      expect(await f().deadLetters.peek(CONTRACT_QUEUE, 1)).toEqual([first[0]]);
      expect(await f().deadLetters.peek(CONTRACT_QUEUE, 10)).toEqual(first);
    });

    it('resubmits one to its queue under a new id and discards another; each only once', async () => {
      await f().deadLetter([
        { messageId: 'a', body: { n: 1 } },
        { messageId: 'b', body: { n: 2 } },
      ]);
      const [a, b] = await f().deadLetters.peek(CONTRACT_QUEUE, 10);
      if (!a || !b) throw new Error('expected two dead letters');

      expect(await f().deadLetters.resubmit(CONTRACT_QUEUE, a.sequenceNumber, 'a:again')).toBe(true);
      expect(await f().active()).toEqual([{ messageId: 'a:again', body: { n: 1 } }]);
      expect(await f().deadLetters.resubmit(CONTRACT_QUEUE, a.sequenceNumber, 'a:again')).toBe(false);

      expect(await f().deadLetters.discard(CONTRACT_QUEUE, b.sequenceNumber)).toBe(true);
      expect(await f().deadLetters.discard(CONTRACT_QUEUE, b.sequenceNumber)).toBe(false);
      expect(await f().deadLetters.peek(CONTRACT_QUEUE, 10)).toEqual([]);
    });
  });
}
