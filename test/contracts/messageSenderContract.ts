// The MessageSender contract: behaviour every implementation must show (Service Bus adapter on the
// stand-in, the embedded local queue). Call describeMessageSenderContract from a *.test.ts file.
import { NonRetryableError } from '../../shared/errors';
import { type MessageSender, type OutboundMessage } from '../../shared/ports/MessageSender';

/** A message as the implementation's own reader got it back. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: unknown;
  readonly subject?: string;
  readonly correlationId?: string;
  readonly applicationProperties?: Record<string, unknown>;
}

export interface MessageSenderContractFixture {
  readonly sender: MessageSender;
  /** Everything waiting on the entity, without waiting for more. */
  readonly received: (entity: string) => Promise<ReceivedMessage[]>;
  /** Releases everything the factory made; the contract may already have closed the sender. */
  readonly dispose: () => Promise<void>;
}

/**
 * Entities the contract uses. The factory must create `queue`, empty, with duplicate detection on
 * (a window of a minute or more), and must not create `unknown`.
 */
export const MESSAGE_SENDER_CONTRACT_ENTITIES = {
  queue: 'contract-queue',
  unknown: 'contract-no-such-entity',
} as const;

const { queue, unknown } = MESSAGE_SENDER_CONTRACT_ENTITIES;
const MANY_MESSAGES = 500;
const PADDING_BYTES = 1000;

export function describeMessageSenderContract(
  name: string,
  factory: () => Promise<MessageSenderContractFixture>,
): void {
  describe(`${name} satisfies the MessageSender contract`, () => {
    let fixture: MessageSenderContractFixture | undefined;

    beforeEach(async () => {
      fixture = await factory();
    });

    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    function current(): MessageSenderContractFixture {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture;
    }

    it('delivers one message with its id and body', async () => {
      const { sender, received } = current();

      await sender.send(queue, [{ messageId: 'one', body: { alertId: 'a-1' } }]);

      expect(await received(queue)).toEqual([
        expect.objectContaining({ messageId: 'one', body: { alertId: 'a-1' } }),
      ]);
    });

    it(`delivers ${MANY_MESSAGES} messages of about 1 KB sent in one call, none lost or repeated`, async () => {
      const { sender, received } = current();
      const messages: OutboundMessage[] = Array.from({ length: MANY_MESSAGES }, (_, index) => ({
        messageId: `bulk-${String(index).padStart(4, '0')}`,
        body: { index, padding: 'x'.repeat(PADDING_BYTES) },
      }));

      await sender.send(queue, messages);

      const got = await received(queue);
      expect(got.map((m) => m.messageId).sort()).toEqual(messages.map((m) => m.messageId));
      const byId = new Map(got.map((m) => [m.messageId, m.body]));
      expect(messages.every((m) => JSON.stringify(byId.get(m.messageId)) === JSON.stringify(m.body))).toBe(
        true,
      );
    });

    it('round-trips bodies as JSON', async () => {
      const { sender, received } = current();
      const bodies: Record<string, unknown> = {
        object: { incident: { id: 'inc-1', severity: 2, tags: ['db', 'eu'] }, resolved: false, owner: null },
        array: [1, 'two', { three: 3 }],
        string: 'plain text with ünïcödé and "quotes"',
        number: 42.5,
        boolean: true,
        null: null,
        // JSON semantics, not structured clone: dates become ISO strings, undefined fields vanish.
        date: { at: new Date('2024-05-01T12:00:00.000Z'), missing: undefined },
      };

      await sender.send(
        queue,
        Object.entries(bodies).map(([kind, body]) => ({ messageId: `json-${kind}`, body })),
      );

      const got = new Map((await received(queue)).map((m) => [m.messageId, m.body]));
      for (const [kind, body] of Object.entries(bodies)) {
        expect(got.get(`json-${kind}`)).toEqual(JSON.parse(JSON.stringify(body)));
      }
    });

    it('preserves subject, correlationId and application properties, and adds none', async () => {
      const { sender, received } = current();

      await sender.send(queue, [
        {
          messageId: 'with-properties',
          body: {},
          subject: 'incident.declared',
          correlationId: 'corr-42',
          applicationProperties: { tenant: 'contoso', attempt: 3, dryRun: false },
        },
        { messageId: 'without-properties', body: {} },
      ]);

      const got = new Map((await received(queue)).map((m) => [m.messageId, m]));
      expect(got.get('with-properties')).toMatchObject({
        subject: 'incident.declared',
        correlationId: 'corr-42',
        applicationProperties: { tenant: 'contoso', attempt: 3, dryRun: false },
      });
      const bare = got.get('without-properties');
      expect(bare?.subject).toBeUndefined();
      expect(bare?.correlationId).toBeUndefined();
      expect(bare?.applicationProperties ?? {}).toEqual({});
    });

    it('delivers a repeated messageId once, across calls and within one call', async () => {
      const { sender, received } = current();

      await sender.send(queue, [
        { messageId: 'dup', body: { copy: 1 } },
        { messageId: 'dup', body: { copy: 2 } },
      ]);
      await sender.send(queue, [
        { messageId: 'dup', body: { copy: 3 } },
        { messageId: 'not-dup', body: { copy: 4 } },
      ]);

      const got = await received(queue);
      expect(got.map((m) => m.messageId).sort()).toEqual(['dup', 'not-dup']);
      expect(got.find((m) => m.messageId === 'dup')?.body).toEqual({ copy: 1 });
    });

    it('accepts an empty list and delivers nothing', async () => {
      const { sender, received } = current();

      await sender.send(queue, []);

      expect(await received(queue)).toEqual([]);
    });

    it('fails with a NonRetryableError that names an unknown entity', async () => {
      const { sender } = current();

      const error: unknown = await sender
        .send(unknown, [{ messageId: 'lost', body: {} }])
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(NonRetryableError);
      expect((error as Error).message).toContain(unknown);
    });

    it('closes idempotently and refuses to send afterwards', async () => {
      const { sender } = current();
      await sender.send(queue, [{ messageId: 'before-close', body: {} }]);

      await sender.close();
      await Promise.all([sender.close(), sender.close()]);

      await expect(sender.send(queue, [{ messageId: 'after-close', body: {} }])).rejects.toBeInstanceOf(
        NonRetryableError,
      );
    });
  });
}
