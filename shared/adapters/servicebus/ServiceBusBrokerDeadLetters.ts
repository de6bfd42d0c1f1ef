// BrokerDeadLetters on Service Bus: dead-letter sub-queues peeked for listings; a resubmit or discard
// receives the dead-letter sub-queue in peek-lock until it holds the message, settles that one and hands
// every other back. A subscription's dead letter is resubmitted to its topic (Service Bus cannot
// send to one subscription), so every subscription of the topic gets it again.
import {
  type ServiceBusClient,
  type ServiceBusClientOptions,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
} from '@azure/service-bus';
import Long from 'long';
import { bodyPreview } from '../../domain/deadLetters/deadLetterId';
import type { BrokerDeadLetter, BrokerDeadLetters } from '../../ports/BrokerDeadLetters';
import { createServiceBusClient, type ServiceBusConnection } from './createServiceBusClient';
import { mapServiceBusError } from './mapServiceBusError';
import { SEND_RETRY_OPTIONS } from './ServiceBusMessageSender';

/** How far into a dead-letter sub-queue a resubmit or discard looks for its message. */
export const MAX_DEAD_LETTERS_SCANNED = 500;
const RECEIVE_BATCH = 50;
const RECEIVE_WAIT_MS = 1_000;
const DEAD_LETTER_PROPERTIES = new Set(['DeadLetterReason', 'DeadLetterErrorDescription']);

export class ServiceBusBrokerDeadLetters implements BrokerDeadLetters {
  private readonly client: ServiceBusClient;

  constructor(connection: ServiceBusConnection, clientOptions: ServiceBusClientOptions = {}) {
    this.client = createServiceBusClient(connection, { retryOptions: SEND_RETRY_OPTIONS, ...clientOptions });
  }

  async peek(entity: string, limit: number): Promise<BrokerDeadLetter[]> {
    const receiver = this.deadLetterReceiver(entity);
    try {
      // From the start every time: without a sequence number the SDK pages on from the last peek of the entity
      // on this client, whichever receiver made it.
      const messages = await receiver.peekMessages(limit, { fromSequenceNumber: Long.ZERO });
      return messages.map((m) => toDeadLetter(entity, m));
    } catch (err) {
      throw mapServiceBusError(err, `Peeking the dead letters of "${entity}"`);
    } finally {
      await receiver.close().catch(() => undefined);
    }
  }

  resubmit(entity: string, sequenceNumber: number, newMessageId: string): Promise<boolean> {
    return this.settle(entity, sequenceNumber, async (receiver, message) => {
      const sender = this.client.createSender(sendEntity(entity));
      try {
        await sender.sendMessages({
          body: message.body as unknown,
          messageId: newMessageId,
          ...(message.contentType !== undefined ? { contentType: message.contentType } : {}),
          ...(message.subject !== undefined ? { subject: message.subject } : {}),
          ...(message.correlationId !== undefined ? { correlationId: message.correlationId } : {}),
          applicationProperties: Object.fromEntries(
            Object.entries(message.applicationProperties ?? {}).filter(
              ([k]) => !DEAD_LETTER_PROPERTIES.has(k),
            ),
          ),
        });
      } finally {
        await sender.close().catch(() => undefined);
      }
      // Sent before it is removed: a crash in between leaves both, never neither.
      await receiver.completeMessage(message);
    });
  }

  discard(entity: string, sequenceNumber: number): Promise<boolean> {
    return this.settle(entity, sequenceNumber, (receiver, message) => receiver.completeMessage(message));
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async settle(
    entity: string,
    sequenceNumber: number,
    act: (receiver: ServiceBusReceiver, message: ServiceBusReceivedMessage) => Promise<void>,
  ): Promise<boolean> {
    const receiver = this.deadLetterReceiver(entity);
    // The others stay locked until the scan ends, so that each is seen once; then they go back at once (a
    // dead-letter sub-queue never dead-letters again).
    const held: ServiceBusReceivedMessage[] = [];
    try {
      while (held.length < MAX_DEAD_LETTERS_SCANNED) {
        const batch = await receiver.receiveMessages(RECEIVE_BATCH, { maxWaitTimeInMs: RECEIVE_WAIT_MS });
        if (batch.length === 0) return false;
        const target = batch.find((m) => m.sequenceNumber?.toNumber() === sequenceNumber);
        held.push(...batch.filter((m) => m !== target));
        if (target) {
          await act(receiver, target);
          return true;
        }
      }
      return false;
    } catch (err) {
      throw mapServiceBusError(err, `Settling dead letter ${sequenceNumber} of "${entity}"`);
    } finally {
      await Promise.allSettled(held.map((m) => receiver.abandonMessage(m)));
      await receiver.close().catch(() => undefined);
    }
  }

  /** Peek-lock (a peek locks nothing); locks are held only for the moment of a scan, never renewed. */
  private deadLetterReceiver(entity: string): ServiceBusReceiver {
    const options = {
      subQueueType: 'deadLetter' as const,
      receiveMode: 'peekLock' as const,
      maxAutoLockRenewalDurationInMs: 0,
    };
    const [topic, subscription] = entity.split('/Subscriptions/');
    return subscription !== undefined && topic !== undefined
      ? this.client.createReceiver(topic, subscription, options)
      : this.client.createReceiver(entity, options);
  }
}

function sendEntity(entity: string): string {
  return entity.split('/Subscriptions/')[0] ?? entity;
}

function toDeadLetter(entity: string, message: ServiceBusReceivedMessage): BrokerDeadLetter {
  const body: unknown = message.body;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : (JSON.stringify(body) ?? String(body));
  return {
    entity,
    sequenceNumber: message.sequenceNumber?.toNumber() ?? 0,
    messageId: String(message.messageId),
    reason: message.deadLetterReason ?? '',
    description: message.deadLetterErrorDescription ?? '',
    deliveryCount: message.deliveryCount ?? 0,
    ...(message.enqueuedTimeUtc ? { enqueuedAt: message.enqueuedTimeUtc.toISOString() } : {}),
    ...bodyPreview(text),
  };
}
