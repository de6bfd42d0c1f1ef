// MessageSender on Azure Service Bus: one cached SDK sender per queue or topic, messages packed
// into as few size-limited batches as fit, SDK errors mapped to Transient / NonRetryable.
import {
  type ServiceBusClient,
  type ServiceBusClientOptions,
  type ServiceBusMessageBatch,
  type ServiceBusSender,
} from '@azure/service-bus';
import { NonRetryableError, TransientError } from '../../errors';
import { type MessageSender, type OutboundMessage } from '../../ports/MessageSender';
import { createServiceBusClient, type ServiceBusConnection } from './createServiceBusClient';
import { mapServiceBusError } from './mapServiceBusError';
import { toServiceBusMessage } from './toServiceBusMessage';

export interface ServiceBusMessageSenderOptions {
  /** Passed to the SDK client (retry policy, web sockets…); SEND_RETRY_OPTIONS and the SDK's defaults otherwise. */
  readonly clientOptions?: ServiceBusClientOptions;
}

/**
 * Callers wait on a send (the alert intake answers its source only once the alerts are enqueued), and a
 * send caught by a connection loss is only given up when its attempt times out: with the SDK's defaults
 * (60 s per attempt, three retries) a request could hang for minutes. Two attempts of at most 4 s each
 * answer within about 9 s, inside what webhook senders wait, and the source retries a 503.
 */
export const SEND_RETRY_OPTIONS = {
  maxRetries: 1,
  timeoutInMs: 4_000,
  retryDelayInMs: 500,
} as const satisfies NonNullable<ServiceBusClientOptions['retryOptions']>;

export class ServiceBusMessageSender implements MessageSender {
  private readonly client: ServiceBusClient;
  private readonly senders = new Map<string, ServiceBusSender>();
  private closing: Promise<void> | undefined;

  constructor(connection: ServiceBusConnection, options: ServiceBusMessageSenderOptions = {}) {
    this.client = createServiceBusClient(connection, {
      ...options.clientOptions,
      retryOptions: options.clientOptions?.retryOptions ?? SEND_RETRY_OPTIONS,
    });
  }

  async send(entity: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (this.closing) {
      throw new NonRetryableError(`Cannot send to Service Bus entity "${entity}": the sender is closed.`);
    }
    if (messages.length === 0) {
      return;
    }
    const sender = this.senderFor(entity);
    try {
      await sendInBatches(sender, entity, messages);
    } catch (err) {
      const mapped = mapServiceBusError(
        err,
        `Sending ${messages.length} message(s) to Service Bus entity "${entity}"`,
      );
      if (!(mapped instanceof TransientError)) {
        // A link refused for good (unknown entity, no rights) is not worth keeping; the SDK
        // re-attaches on its own after transient failures.
        await this.dropSender(entity, sender);
      }
      throw mapped;
    }
  }

  /**
   * Resolves once a new sender link to `entity` attaches (connection, authorisation and entity in place); for
   * readiness checks. A fresh link each time: a cached one answers from what it learnt when it attached.
   */
  async reachable(entity: string, timeoutMs: number): Promise<void> {
    const probe = this.client.createSender(entity);
    try {
      await probe.createMessageBatch({ abortSignal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw mapServiceBusError(err, `Attaching to Service Bus entity "${entity}"`);
    } finally {
      // Not awaited: closing a link whose connection is gone can wait for a long time.
      probe.close().catch(() => undefined);
    }
  }

  /** Closes every sender, then the client; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private senderFor(entity: string): ServiceBusSender {
    let sender = this.senders.get(entity);
    if (!sender) {
      sender = this.client.createSender(entity);
      this.senders.set(entity, sender);
    }
    return sender;
  }

  private async dropSender(entity: string, sender: ServiceBusSender): Promise<void> {
    if (this.senders.get(entity) === sender) {
      this.senders.delete(entity);
    }
    await sender.close().catch(() => undefined); // Already failed; the original error matters more.
  }

  private async closeAll(): Promise<void> {
    const senders = [...this.senders.values()];
    this.senders.clear();
    try {
      await Promise.all(senders.map((sender) => sender.close()));
    } catch (err) {
      throw mapServiceBusError(err, 'Closing Service Bus senders');
    } finally {
      await this.client.close();
    }
  }
}

/**
 * Packs every message before sending any, so that a message that can never fit (or a body that is
 * not JSON) fails the call up front instead of after part of the list went out.
 */
async function sendInBatches(
  sender: ServiceBusSender,
  entity: string,
  messages: readonly OutboundMessage[],
): Promise<void> {
  let current = await sender.createMessageBatch();
  const batches = [current];
  for (const message of messages) {
    const sbMessage = toServiceBusMessage(message);
    if (current.tryAddMessage(sbMessage)) {
      continue;
    }
    if (current.count === 0) {
      throw tooLarge(entity, message, current);
    }
    current = await sender.createMessageBatch();
    batches.push(current);
    if (!current.tryAddMessage(sbMessage)) {
      throw tooLarge(entity, message, current);
    }
  }
  for (const batch of batches) {
    await sender.sendMessages(batch);
  }
}

function tooLarge(
  entity: string,
  message: OutboundMessage,
  batch: ServiceBusMessageBatch,
): NonRetryableError {
  return new NonRetryableError(
    `Message "${message.messageId}" for Service Bus entity "${entity}" is larger than the ` +
      `${batch.maxSizeInBytes}-byte maximum message size; it cannot be sent.`,
  );
}
