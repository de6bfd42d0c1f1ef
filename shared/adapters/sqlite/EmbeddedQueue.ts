// The embedded stand-in for Service Bus queues and topics: durable peek-lock messaging in the embedded
// database. The app's embedded MessageSender writes here; the local runtime's queue triggers read here.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { NotFoundError } from '../../errors';
import type { OutboundMessage } from '../../ports/MessageSender';
import { groupCommitFor, type GroupCommit } from './GroupCommit';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

/** Service Bus's default duplicate-detection history window. */
export const defaultDuplicateDetectionWindowMs = 10 * 60 * 1000;

export interface ReceivedMessage {
  readonly sequenceNumber: number;
  readonly entity: string;
  readonly messageId: string;
  readonly body: unknown;
  /** As sent; JSON bodies without one are `application/json`. */
  readonly contentType?: string;
  readonly subject?: string;
  readonly correlationId?: string;
  readonly applicationProperties: Record<string, string | number | boolean>;
  readonly enqueuedAt: number;
  /** Includes this delivery, as Service Bus counts it. */
  readonly deliveryCount: number;
  readonly lockToken: string;
  readonly lockedUntil: number;
}

export interface DeadLetteredMessage {
  readonly entity: string;
  readonly sequenceNumber: number;
  readonly enqueuedAt: number;
  readonly messageId: string;
  readonly body: unknown;
  readonly deliveryCount: number;
  readonly reason: string;
  readonly description: string;
}

export type AbandonOutcome = 'redelivered' | 'dead-lettered';

/** What settles a received message: its lock token, and its sequence number to find it by. */
export type MessageLock = Pick<ReceivedMessage, 'sequenceNumber' | 'lockToken'>;

interface MessageRow {
  seq: number;
  entity: string;
  message_id: string;
  body: string;
  subject: string | null;
  content_type: string | null;
  correlation_id: string | null;
  app_props: string;
  enqueued_at: number;
  delivery_count: number;
  lock_token: string | null;
  locked_until: number | null;
  dl_reason: string | null;
  dl_description: string | null;
}

/** In-process wake-ups so that receivers do not have to poll tightly. */
export const embeddedQueueSignals = new EventEmitter();

function signalSent(entities: readonly string[]): void {
  for (const entity of entities) {
    embeddedQueueSignals.emit('sent', entity);
  }
}

export function subscriptionEntity(topic: string, subscription: string): string {
  return `${topic}/Subscriptions/${subscription}`;
}

export class EmbeddedQueue {
  private readonly group: GroupCommit;
  private readonly knownEntities = new Map<string, 'queue' | 'topic'>();

  constructor(
    private readonly db: EmbeddedDatabase,
    private readonly now: () => number = Date.now,
    private readonly duplicateDetectionWindowMs = defaultDuplicateDetectionWindowMs,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS sb_entities (name TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('queue','topic')));
      CREATE TABLE IF NOT EXISTS sb_subscriptions (topic TEXT NOT NULL, subscription TEXT NOT NULL, PRIMARY KEY (topic, subscription));
      CREATE TABLE IF NOT EXISTS sb_duplicates (entity TEXT NOT NULL, message_id TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (entity, message_id));
      CREATE TABLE IF NOT EXISTS sb_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL, message_id TEXT NOT NULL, body TEXT NOT NULL,
        subject TEXT, correlation_id TEXT, app_props TEXT NOT NULL,
        enqueued_at INTEGER NOT NULL, delivery_count INTEGER NOT NULL DEFAULT 0,
        lock_token TEXT, locked_until INTEGER,
        dead_lettered INTEGER NOT NULL DEFAULT 0, dl_reason TEXT, dl_description TEXT);
      CREATE INDEX IF NOT EXISTS sb_messages_ready ON sb_messages (entity, dead_lettered, seq);
      -- Settlement finds a message by its sequence number: an index on random lock tokens cost a page
      -- write on every receive and every completion.
      DROP INDEX IF EXISTS sb_messages_lock;
      CREATE INDEX IF NOT EXISTS sb_duplicates_expiry ON sb_duplicates (expires_at);
    `);
    // Databases made before messages kept their content type get the column (NULL: application/json).
    const columns = db.prepare(`PRAGMA table_info(sb_messages)`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'content_type')) {
      db.exec(`ALTER TABLE sb_messages ADD COLUMN content_type TEXT`);
    }
    this.group = groupCommitFor(db);
  }

  declareQueue(name: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO sb_entities (name, kind) VALUES (?, 'queue')`).run(name);
  }

  /** A topic that may have no subscriptions (yet): what is sent to it then is accepted and dropped, as in Service Bus. */
  declareTopic(topic: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO sb_entities (name, kind) VALUES (?, 'topic')`).run(topic);
  }

  declareSubscription(topic: string, subscription: string): void {
    this.db.transaction(() => {
      this.db.prepare(`INSERT OR IGNORE INTO sb_entities (name, kind) VALUES (?, 'topic')`).run(topic);
      this.db
        .prepare(`INSERT OR IGNORE INTO sb_subscriptions (topic, subscription) VALUES (?, ?)`)
        .run(topic, subscription);
    })();
  }

  /**
   * Durably enqueues every message (one transaction) or throws. A messageId seen on the same entity within
   * the duplicate-detection window is accepted and dropped, as Service Bus does.
   */
  send(entity: string, messages: readonly OutboundMessage[]): void {
    const targets = this.db.transaction(() => this.enqueue(entity, messages)).immediate();
    signalSent(targets);
  }

  /**
   * As `send`, in the connection's next group commit with whatever else is written in this turn of the
   * event loop: resolves once the messages are durably enqueued, rejects when they are not.
   */
  async sendInGroupCommit(entity: string, messages: readonly OutboundMessage[]): Promise<void> {
    signalSent(await this.group.run(() => this.enqueue(entity, messages)));
  }

  /** Peek-lock receive: locks up to `max` available messages and counts the delivery. */
  receive(entity: string, max: number, lockDurationMs: number): ReceivedMessage[] {
    const now = this.now();
    return this.db.transaction(() => this.lockAvailable(entity, max, now + lockDurationMs))();
  }

  /**
   * As `receive`, in the connection's next group commit: the locks (and delivery counts) of a receive are
   * committed together with the completions of the same turn. Resolves once they are durable.
   */
  receiveInGroupCommit(entity: string, max: number, lockDurationMs: number): Promise<ReceivedMessage[]> {
    return this.group.run(() => this.lockAvailable(entity, max, this.now() + lockDurationMs));
  }

  complete(lock: MessageLock): void {
    this.deleteLocked(lock, this.now());
  }

  /**
   * As `complete`, in the connection's next group commit: a completion need not be durable at once (a
   * message completed but not committed when the process dies is delivered again, and handlers are
   * idempotent), so completions of one turn share a commit.
   */
  completeInGroupCommit(lock: MessageLock): Promise<void> {
    const now = this.now();
    return this.group.run(() => this.deleteLocked(lock, now));
  }

  /**
   * Extends a held lock by `lockDurationMs` from now, as Service Bus's renew-lock does, and returns the new
   * expiry; a lock that expired or was settled fails with LockLostError.
   */
  renewLock({ sequenceNumber, lockToken }: MessageLock, lockDurationMs: number): number {
    const now = this.now();
    const lockedUntil = now + lockDurationMs;
    const result = this.db
      .prepare(
        `UPDATE sb_messages SET locked_until = ? WHERE seq = ? AND lock_token = ? AND locked_until > ? AND dead_lettered = 0`,
      )
      .run(lockedUntil, sequenceNumber, lockToken, now);
    if (result.changes === 0) {
      throw new LockLostError(lockToken);
    }
    return lockedUntil;
  }

  /** Releases the lock; past `maxDeliveryCount` deliveries the message is dead-lettered instead. */
  abandon(lock: MessageLock, maxDeliveryCount: number, description: string): AbandonOutcome {
    return this.db.transaction((): AbandonOutcome => {
      const row = this.lockedRow(lock);
      if (row.delivery_count >= maxDeliveryCount) {
        this.markDeadLettered(row.seq, 'MaxDeliveryCountExceeded', description);
        return 'dead-lettered';
      }
      this.db
        .prepare(`UPDATE sb_messages SET lock_token = NULL, locked_until = NULL WHERE seq = ?`)
        .run(row.seq);
      embeddedQueueSignals.emit('sent', row.entity);
      return 'redelivered';
    })();
  }

  deadLetter(lock: MessageLock, reason: string, description: string): void {
    this.db.transaction(() => {
      const row = this.lockedRow(lock);
      this.markDeadLettered(row.seq, reason, description);
    })();
  }

  /** After a crash nobody holds the old locks: make those messages available again at once. */
  releaseAllLocks(): number {
    return this.db
      .prepare(
        `UPDATE sb_messages SET lock_token = NULL, locked_until = NULL WHERE lock_token IS NOT NULL AND dead_lettered = 0`,
      )
      .run().changes;
  }

  /** Earliest time a locked message of the entity becomes available again, if any. */
  nextLockExpiry(entity: string): number | undefined {
    const row = this.db
      .prepare(
        `SELECT MIN(locked_until) AS at FROM sb_messages WHERE entity = ? AND dead_lettered = 0 AND locked_until IS NOT NULL`,
      )
      .get(entity) as { at: number | null };
    return row.at ?? undefined;
  }

  activeCount(entity: string): number {
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n FROM sb_messages WHERE entity = ? AND dead_lettered = 0`)
      .get(entity) as { n: number };
    return row.n;
  }

  /** The entity's dead letters, oldest first (at most `limit`). */
  deadLetters(entity: string, limit = -1): DeadLetteredMessage[] {
    const rows = this.db
      .prepare(`SELECT * FROM sb_messages WHERE entity = ? AND dead_lettered = 1 ORDER BY seq LIMIT ?`)
      .all(entity, limit) as MessageRow[];
    return rows.map((row) => ({
      entity: row.entity,
      sequenceNumber: row.seq,
      enqueuedAt: row.enqueued_at,
      messageId: row.message_id,
      body: JSON.parse(row.body) as unknown,
      deliveryCount: row.delivery_count,
      reason: row.dl_reason ?? '',
      description: row.dl_description ?? '',
    }));
  }

  /**
   * Puts a dead letter back on its queue or subscription as a new message (id `newMessageId`, delivery count
   * 0), in one transaction with its removal from the dead letters. False when there is no such dead letter.
   */
  resubmitDeadLetter(entity: string, sequenceNumber: number, newMessageId: string): boolean {
    const moved = this.db.transaction(() => {
      const row = this.deadLetterRow(entity, sequenceNumber);
      if (!row) return false;
      this.db
        .prepare(
          `INSERT INTO sb_messages (entity, message_id, body, content_type, subject, correlation_id, app_props, enqueued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entity,
          newMessageId,
          row.body,
          row.content_type,
          row.subject,
          row.correlation_id,
          row.app_props,
          this.now(),
        );
      this.db.prepare(`DELETE FROM sb_messages WHERE seq = ?`).run(row.seq);
      return true;
    })();
    if (moved) signalSent([entity]);
    return moved;
  }

  /** Removes a dead letter for good; false when there is no such dead letter. */
  discardDeadLetter(entity: string, sequenceNumber: number): boolean {
    return (
      this.db
        .prepare(`DELETE FROM sb_messages WHERE seq = ? AND entity = ? AND dead_lettered = 1`)
        .run(sequenceNumber, entity).changes > 0
    );
  }

  private deadLetterRow(entity: string, sequenceNumber: number): MessageRow | undefined {
    return this.db
      .prepare(`SELECT * FROM sb_messages WHERE seq = ? AND entity = ? AND dead_lettered = 1`)
      .get(sequenceNumber, entity) as MessageRow | undefined;
  }

  private entityKind(entity: string): 'queue' | 'topic' {
    // Entities are declared, never removed or changed: once found, an entity's kind is known for good.
    const known = this.knownEntities.get(entity);
    if (known !== undefined) {
      return known;
    }
    const row = this.db.prepare(`SELECT kind FROM sb_entities WHERE name = ?`).get(entity) as
      { kind: 'queue' | 'topic' } | undefined;
    if (!row) {
      throw new NotFoundError(
        `Messaging entity '${entity}' does not exist in the embedded queue (declared: ${this.declaredNames().join(', ') || 'none'}).`,
      );
    }
    this.knownEntities.set(entity, row.kind);
    return row.kind;
  }

  private declaredNames(): string[] {
    return (this.db.prepare(`SELECT name FROM sb_entities ORDER BY name`).all() as { name: string }[]).map(
      (r) => r.name,
    );
  }

  /** Inside a transaction: enqueues and returns the entities that received messages. */
  private enqueue(entity: string, messages: readonly OutboundMessage[]): string[] {
    const kind = this.entityKind(entity);
    const targets =
      kind === 'topic'
        ? (
            this.db.prepare(`SELECT subscription FROM sb_subscriptions WHERE topic = ?`).all(entity) as {
              subscription: string;
            }[]
          ).map((s) => subscriptionEntity(entity, s.subscription))
        : [entity];
    const now = this.now();
    const isDuplicate = this.db.prepare(
      `SELECT 1 FROM sb_duplicates WHERE entity = ? AND message_id = ? AND expires_at > ?`,
    );
    const remember = this.db.prepare(
      `INSERT INTO sb_duplicates (entity, message_id, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (entity, message_id) DO UPDATE SET expires_at = excluded.expires_at`,
    );
    const insert = this.db.prepare(
      `INSERT INTO sb_messages (entity, message_id, body, content_type, subject, correlation_id, app_props, enqueued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.prepare(`DELETE FROM sb_duplicates WHERE expires_at <= ?`).run(now);
    for (const message of messages) {
      if (isDuplicate.get(entity, message.messageId, now)) {
        continue;
      }
      remember.run(entity, message.messageId, now + this.duplicateDetectionWindowMs);
      const body = JSON.stringify(message.body ?? null);
      for (const target of targets) {
        insert.run(
          target,
          message.messageId,
          body,
          message.contentType ?? null,
          message.subject ?? null,
          message.correlationId ?? null,
          JSON.stringify(message.applicationProperties ?? {}),
          now,
        );
      }
    }
    return targets;
  }

  /** Inside a transaction: locks up to `max` available messages until `lockedUntil`. */
  private lockAvailable(entity: string, max: number, lockedUntil: number): ReceivedMessage[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM sb_messages WHERE entity = ? AND dead_lettered = 0
           AND (locked_until IS NULL OR locked_until <= ?) ORDER BY seq LIMIT ?`,
      )
      .all(entity, this.now(), max) as MessageRow[];
    const lock = this.db.prepare(
      `UPDATE sb_messages SET lock_token = ?, locked_until = ?, delivery_count = delivery_count + 1 WHERE seq = ?`,
    );
    return rows.map((row) => {
      const lockToken = randomUUID();
      lock.run(lockToken, lockedUntil, row.seq);
      return toReceived({ ...row, delivery_count: row.delivery_count + 1 }, lockToken, lockedUntil);
    });
  }

  private deleteLocked({ sequenceNumber, lockToken }: MessageLock, now: number): void {
    const result = this.db
      .prepare(`DELETE FROM sb_messages WHERE seq = ? AND lock_token = ? AND locked_until > ?`)
      .run(sequenceNumber, lockToken, now);
    if (result.changes === 0) {
      throw new LockLostError(lockToken);
    }
  }

  private lockedRow({ sequenceNumber, lockToken }: MessageLock): MessageRow {
    const row = this.db
      .prepare(
        `SELECT * FROM sb_messages WHERE seq = ? AND lock_token = ? AND locked_until > ? AND dead_lettered = 0`,
      )
      .get(sequenceNumber, lockToken, this.now()) as MessageRow | undefined;
    if (!row) {
      throw new LockLostError(lockToken);
    }
    return row;
  }

  private markDeadLettered(seq: number, reason: string, description: string): void {
    this.db
      .prepare(
        `UPDATE sb_messages SET dead_lettered = 1, dl_reason = ?, dl_description = ?, lock_token = NULL, locked_until = NULL WHERE seq = ?`,
      )
      .run(reason, description, seq);
  }
}

export class LockLostError extends Error {
  override readonly name = 'MessageLockLostError';
  constructor(lockToken: string) {
    super(`The lock ${lockToken} has expired or the message was already settled.`);
  }
}

function toReceived(row: MessageRow, lockToken: string, lockedUntil: number): ReceivedMessage {
  return {
    sequenceNumber: row.seq,
    entity: row.entity,
    messageId: row.message_id,
    body: JSON.parse(row.body) as unknown,
    ...(row.content_type !== null ? { contentType: row.content_type } : {}),
    ...(row.subject !== null ? { subject: row.subject } : {}),
    ...(row.correlation_id !== null ? { correlationId: row.correlation_id } : {}),
    applicationProperties: JSON.parse(row.app_props) as Record<string, string | number | boolean>,
    enqueuedAt: row.enqueued_at,
    deliveryCount: row.delivery_count,
    lockToken,
    lockedUntil,
  };
}
