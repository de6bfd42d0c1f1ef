// The namespace's entities: queues and topics (which accept messages, with duplicate detection and
// scheduling) and the stores receivers read from, addressed the way the SDK addresses them.
import { randomUUID } from 'node:crypto';
import { type Message } from 'rhea';
import { MessageStore } from './MessageStore';

export interface QueueConfig {
  readonly name: string;
  /** Deliveries before a message is dead-lettered; the service's default is 10. */
  readonly maxDeliveryCount?: number;
  /** Peek-lock duration; the service's default is one minute. */
  readonly lockDurationMs?: number;
  /** Enables duplicate detection by messageId over this window (off by default, as in the service). */
  readonly duplicateDetectionWindowMs?: number;
}

export interface SubscriptionConfig {
  readonly name: string;
  readonly maxDeliveryCount?: number;
  readonly lockDurationMs?: number;
}

export interface TopicConfig {
  readonly name: string;
  readonly duplicateDetectionWindowMs?: number;
  readonly subscriptions: ReadonlyArray<string | SubscriptionConfig>;
}

export const DEFAULT_MAX_DELIVERY_COUNT = 10;
export const DEFAULT_LOCK_DURATION_MS = 60_000;
const SCHEDULED_ENQUEUE_TIME = 'x-opt-scheduled-enqueue-time';

/** Counts what arrived over sender links, so tests can see how the SDK batched it. */
export interface SendStats {
  /** AMQP transfers (a batch counts once). */
  transfers: number;
  /** Messages inside those transfers, duplicates included. */
  messages: number;
}

/** Remembers message ids for a time window; a repeat inside the window is dropped silently. */
class DuplicateDetector {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  isDuplicate(messageId: unknown, now: number): boolean {
    if (messageId === undefined || messageId === null) {
      return false;
    }
    for (const [id, at] of this.seen) {
      if (now - at < this.windowMs) break; // Map keeps insertion order: the rest are newer.
      this.seen.delete(id);
    }
    // AMQP message ids are strings, numbers or binary (uuid).
    const key = Buffer.isBuffer(messageId)
      ? messageId.toString('hex')
      : typeof messageId === 'string'
        ? messageId
        : JSON.stringify(messageId);
    if (this.seen.has(key)) {
      return true;
    }
    this.seen.set(key, now);
    return false;
  }
}

/** A queue or topic: what a sender link or a schedule request targets. */
export abstract class SendTarget {
  readonly stats: SendStats = { transfers: 0, messages: 0 };
  private readonly duplicates: DuplicateDetector | undefined;

  constructor(
    readonly path: string,
    duplicateDetectionWindowMs: number | undefined,
  ) {
    this.duplicates =
      duplicateDetectionWindowMs === undefined
        ? undefined
        : new DuplicateDetector(duplicateDetectionWindowMs);
  }

  /** Accepts messages sent over a link; a future scheduled-enqueue-time annotation schedules them. */
  accept(messages: readonly Message[]): void {
    this.stats.transfers += 1;
    this.stats.messages += messages.length;
    for (const message of messages) {
      const at: unknown = message.message_annotations?.[SCHEDULED_ENQUEUE_TIME];
      this.schedule(message, at instanceof Date ? at.getTime() : undefined);
    }
  }

  /** Returns the sequence number, or undefined when the message was dropped as a duplicate. */
  schedule(message: Message, visibleAtMs: number | undefined): number | undefined {
    if (this.duplicates?.isDuplicate(message.message_id, Date.now())) {
      return undefined;
    }
    // The service gives id-less messages an id; the SDK's lock renewer relies on there being one.
    const stored =
      message.message_id === undefined ? { ...message, message_id: randomUUID().replace(/-/g, '') } : message;
    return this.store(stored, visibleAtMs);
  }

  abstract cancelScheduled(sequenceNumber: number): void;
  abstract dispose(): void;
  protected abstract store(message: Message, visibleAtMs: number | undefined): number;
}

class QueueTarget extends SendTarget {
  constructor(
    path: string,
    duplicateDetectionWindowMs: number | undefined,
    readonly queue: MessageStore,
  ) {
    super(path, duplicateDetectionWindowMs);
  }

  cancelScheduled(sequenceNumber: number): void {
    this.queue.cancelScheduled(sequenceNumber);
  }

  dispose(): void {
    this.queue.dispose();
    this.queue.deadLetterQueue?.dispose();
  }

  protected store(message: Message, visibleAtMs: number | undefined): number {
    return this.queue.enqueue(message, visibleAtMs).sequenceNumber;
  }
}

/** Every subscription gets its own copy; rules and filters are not modelled (all messages match). */
class TopicTarget extends SendTarget {
  private readonly scheduled = new Map<number, NodeJS.Timeout>();
  private nextSequenceNumber = 1;

  constructor(
    path: string,
    duplicateDetectionWindowMs: number | undefined,
    readonly subscriptions: readonly MessageStore[],
  ) {
    super(path, duplicateDetectionWindowMs);
  }

  cancelScheduled(sequenceNumber: number): void {
    clearTimeout(this.scheduled.get(sequenceNumber));
    this.scheduled.delete(sequenceNumber);
  }

  dispose(): void {
    for (const timer of this.scheduled.values()) {
      clearTimeout(timer);
    }
    this.scheduled.clear();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
      subscription.deadLetterQueue?.dispose();
    }
  }

  protected store(message: Message, visibleAtMs: number | undefined): number {
    const sequenceNumber = this.nextSequenceNumber++;
    const delayMs = visibleAtMs === undefined ? 0 : visibleAtMs - Date.now();
    if (delayMs <= 0) {
      this.fanOut(message);
    } else {
      // The topic holds scheduled messages so that one cancel removes every subscription's copy.
      const timer = setTimeout(() => {
        this.scheduled.delete(sequenceNumber);
        this.fanOut(message);
      }, delayMs);
      this.scheduled.set(sequenceNumber, timer);
    }
    return sequenceNumber;
  }

  private fanOut(message: Message): void {
    for (const subscription of this.subscriptions) {
      subscription.enqueue({ ...message });
    }
  }
}

const DEAD_LETTER_SUFFIX = '/$deadletterqueue';

/** Entity names are case-insensitive in Service Bus; addresses may also carry the namespace URI. */
export function normalizeEntityPath(address: string): string {
  return address
    .replace(/^(sb|amqps?):\/\/[^/]+\//i, '')
    .replace(/^\/+|\/+$/g, '')
    .toLowerCase();
}

export class EntityRegistry {
  private readonly targets = new Map<string, SendTarget>();
  private readonly stores = new Map<string, MessageStore>();

  constructor(queues: readonly QueueConfig[], topics: readonly TopicConfig[]) {
    for (const queue of queues) {
      const store = this.addStore(queue.name, queue);
      this.addTarget(new QueueTarget(queue.name, queue.duplicateDetectionWindowMs, store));
    }
    for (const topic of topics) {
      const subscriptions = topic.subscriptions.map((s) => {
        const config = typeof s === 'string' ? { name: s } : s;
        return this.addStore(`${topic.name}/Subscriptions/${config.name}`, config);
      });
      this.addTarget(new TopicTarget(topic.name, topic.duplicateDetectionWindowMs, subscriptions));
    }
  }

  /** A queue or topic, for sender links and schedule requests. */
  sendTarget(address: string): SendTarget | undefined {
    return this.targets.get(normalizeEntityPath(address));
  }

  /** A queue, subscription or either's `/$DeadLetterQueue`, for receiver links and management requests. */
  receiveSource(address: string): MessageStore | undefined {
    return this.stores.get(normalizeEntityPath(address));
  }

  dispose(): void {
    for (const target of this.targets.values()) {
      target.dispose();
    }
  }

  private addTarget(target: SendTarget): void {
    const key = normalizeEntityPath(target.path);
    if (this.targets.has(key)) {
      throw new Error(`Entity '${target.path}' is declared twice.`);
    }
    this.targets.set(key, target);
  }

  private addStore(
    path: string,
    config: { lockDurationMs?: number; maxDeliveryCount?: number },
  ): MessageStore {
    const lockDurationMs = config.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
    const deadLetterQueue = new MessageStore(`${path}/$DeadLetterQueue`, {
      lockDurationMs,
      maxDeliveryCount: Number.POSITIVE_INFINITY,
    });
    const store = new MessageStore(
      path,
      { lockDurationMs, maxDeliveryCount: config.maxDeliveryCount ?? DEFAULT_MAX_DELIVERY_COUNT },
      deadLetterQueue,
    );
    const key = normalizeEntityPath(path);
    if (this.stores.has(key)) {
      throw new Error(`Entity '${path}' is declared twice.`);
    }
    this.stores.set(key, store);
    this.stores.set(key + DEAD_LETTER_SUFFIX, deadLetterQueue);
    return store;
  }
}
