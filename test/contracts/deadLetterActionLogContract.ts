// The DeadLetterActionLog contract: the first action on a dead letter is the only one kept, found by id,
// listed newest first. Every adapter runs it from a *.test.ts file with describeDeadLetterActionLogContract.
import { ValidationError } from '../../shared/errors';
import type { DeadLetterAction, DeadLetterActionLog } from '../../shared/ports/DeadLetterActionLog';

export interface DeadLetterActionLogContractFixture {
  /** An empty log. */
  readonly log: DeadLetterActionLog;
  readonly dispose: () => Promise<void>;
}

/** Dead-letter ids as GET /api/dead-letters hands them out: long base64url strings. */
function deadLetterId(n: number): string {
  return Buffer.from(
    JSON.stringify({
      source: 'broker',
      entity: 'alerts',
      sequenceNumber: 1000 + n,
      padding: 'x'.repeat(200),
    }),
  ).toString('base64url');
}

function action(n: number, overrides: Partial<DeadLetterAction> = {}): DeadLetterAction {
  return {
    deadLetterId: deadLetterId(n),
    action: 'resubmit',
    actor: 'ops@example.com',
    at: `2026-11-22T04:00:0${n}.000Z`,
    entity: 'alerts',
    messageId: `message-${n}`,
    resubmittedAs: `message-${n}-resubmitted`,
    ...overrides,
  };
}

export function describeDeadLetterActionLogContract(
  name: string,
  factory: () => Promise<DeadLetterActionLogContractFixture>,
): void {
  describe(`${name} satisfies the DeadLetterActionLog contract`, () => {
    let fixture: DeadLetterActionLogContractFixture | undefined;

    beforeEach(async () => {
      fixture = await factory();
    });

    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    const log = (): DeadLetterActionLog => {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture.log;
    };

    it('keeps the first action on a dead letter and refuses a second one', async () => {
      expect(await log().record(action(1))).toBe(true);
      expect(
        await log().record(
          action(1, { action: 'discard', actor: 'other@example.com', at: '2026-11-22T05:00:00.000Z' }),
        ),
      ).toBe(false);

      const found = await log().find([deadLetterId(1), deadLetterId(2)]);
      expect([...found.keys()]).toEqual([deadLetterId(1)]);
      expect(found.get(deadLetterId(1))).toEqual(action(1));
    });

    it('lists actions newest first, paged', async () => {
      for (const n of [1, 2, 3, 4, 5]) {
        await log().record(action(n, n % 2 === 0 ? { action: 'discard', resubmittedAs: undefined } : {}));
      }
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await log().list({ limit: 2, ...(token ? { continuationToken: token } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((a) => a.messageId));
        token = page.continuationToken;
      } while (token);
      expect(seen).toEqual(['message-5', 'message-4', 'message-3', 'message-2', 'message-1']);
      const [discarded] = (await log().list({ limit: 2 })).items.slice(1);
      expect(discarded).toEqual({ ...action(4, { action: 'discard' }), resubmittedAs: undefined });
    });

    it('refuses an invalid action, limit or token with a ValidationError, recording nothing', async () => {
      await expect(log().record(action(1, { actor: '' }))).rejects.toBeInstanceOf(ValidationError);
      await expect(log().record(action(1, { at: 'yesterday' }))).rejects.toBeInstanceOf(ValidationError);
      await expect(log().list({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(log().list({ limit: 2, continuationToken: 'garbage' })).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect((await log().list({ limit: 10 })).items).toEqual([]);
    });
  });
}
