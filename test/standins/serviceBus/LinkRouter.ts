// Handles the AMQP side of the stand-in: `$cbs` and `$management` request/response links, sender
// links into queues and topics, receiver links out of message stores (credit, drain, settlement).
import rhea, {
  type AmqpError,
  type Connection,
  type Container,
  type Delivery,
  type EventContext,
  type Message,
  type Receiver,
  type Sender,
  type link,
} from 'rhea';
import { BATCH_MESSAGE_FORMAT, toWireMessage, unpackBatch } from './amqpMessages';
import { type EntityRegistry } from './EntityRegistry';
import { deliveryTagToLockToken, lockTokenToDeliveryTag } from './lockToken';
import { handleManagementRequest } from './managementHandler';
import {
  type Consumer,
  type MessageStore,
  type ReceiveMode,
  type SettleResult,
  type StoredMessage,
} from './MessageStore';
import {
  linkCredit,
  nextUnsentDeliveryId,
  outcome,
  type OutcomeName,
  setAttachFields,
  settleOutgoing,
} from './rheaInternals';

const CBS = '$cbs';
const MANAGEMENT_SUFFIX = '/$management';
const DEAD_LETTER_CONDITION = 'com.microsoft:dead-letter';
const SESSION_FILTER = 'com.microsoft:session-filter';
const SETTLE_MODE_SETTLED = 1;

/** A receiver link seen from the broker: it takes as many messages as it has credit for. */
class LinkConsumer implements Consumer {
  draining = false;
  /** Ids of deliveries handed to rhea but not yet written; they still count against the credit. */
  private readonly unsent: number[] = [];

  constructor(
    readonly sender: Sender,
    readonly mode: ReceiveMode,
    readonly store: MessageStore,
  ) {}

  capacity(): number {
    if (this.draining || !this.sender.is_open()) {
      return 0;
    }
    const firstUnwritten = nextUnsentDeliveryId(this.sender);
    for (let first = this.unsent[0]; first !== undefined && first < firstUnwritten; first = this.unsent[0]) {
      this.unsent.shift();
    }
    return linkCredit(this.sender) - this.unsent.length;
  }

  deliver(message: StoredMessage): void {
    const tag = message.lock
      ? lockTokenToDeliveryTag(message.lock.token)
      : Buffer.from(String(message.sequenceNumber));
    this.unsent.push(this.sender.send(toWireMessage(message), tag).id);
  }
}

export class LinkRouter {
  private readonly consumers = new Map<Sender, LinkConsumer>();
  /** Per connection: where to send replies, keyed by the reply-to address the client uses. */
  private readonly replyLinks = new WeakMap<Connection, Map<string, Sender>>();

  constructor(
    private readonly registry: EntityRegistry,
    private readonly endpoint: string,
    private readonly maxMessageSizeInBytes: number,
  ) {}

  listenOn(container: Container): void {
    container.on('sender_open', (c: EventContext) => this.onSenderOpen(c));
    container.on('receiver_open', (c: EventContext) => this.onReceiverOpen(c));
    container.on('message', (c: EventContext) => this.onMessage(c));
    container.on('sender_flow', (c: EventContext) => this.onSenderFlow(c));
    container.on('sender_draining', (c: EventContext) => this.onSenderDraining(c));
    container.on('sendable', (c: EventContext) => this.consumerOf(c)?.store.pump());
    container.on('accepted', (c: EventContext) => this.onOutcome(c, 'accepted'));
    container.on('released', (c: EventContext) => this.onOutcome(c, 'released'));
    container.on('modified', (c: EventContext) => this.onOutcome(c, 'modified'));
    container.on('rejected', (c: EventContext) => this.onOutcome(c, 'rejected'));
    container.on('sender_close', (c: EventContext) => this.forgetSender(c.sender));
    container.on('session_close', (c: EventContext) => this.forgetWhere((s) => s.session === c.session));
    container.on('connection_close', (c: EventContext) =>
      this.forgetWhere((s) => s.connection === c.connection),
    );
    container.on('disconnected', (c: EventContext) => this.forgetWhere((s) => s.connection === c.connection));
    // Clients that vanish mid-operation surface here; a test stand-in has nobody to report them to.
    container.on('error', () => undefined);
  }

  private onSenderOpen(context: EventContext): void {
    const sender = context.sender;
    if (!sender) return;
    const address = sourceAddress(sender);
    echoTermini(sender);
    if (address === CBS || address.endsWith(MANAGEMENT_SUFFIX)) {
      // The SDK names the CBS reply link after its reply-to address and gives management links a target.
      const replyTo = targetAddress(sender) || sender.name;
      this.replyLinksOf(context.connection).set(replyTo, sender);
      return;
    }
    if (hasSessionFilter(sender)) {
      sender.close({
        condition: 'amqp:not-implemented',
        description: 'The Service Bus stand-in does not support sessions.',
      });
      return;
    }
    const store = this.registry.receiveSource(address);
    if (!store) {
      sender.close(this.notFound(address));
      return;
    }
    const mode: ReceiveMode =
      sender.snd_settle_mode === SETTLE_MODE_SETTLED ? 'receiveAndDelete' : 'peekLock';
    setAttachFields(sender, { sndSettleMode: sender.snd_settle_mode, rcvSettleMode: sender.rcv_settle_mode });
    const consumer = new LinkConsumer(sender, mode, store);
    this.consumers.set(sender, consumer);
    store.addConsumer(consumer);
  }

  private onReceiverOpen(context: EventContext): void {
    const receiver = context.receiver;
    if (!receiver) return;
    const address = targetAddress(receiver);
    echoTermini(receiver);
    if (address === CBS || address.endsWith(MANAGEMENT_SUFFIX)) {
      return;
    }
    if (!this.registry.sendTarget(address)) {
      receiver.close(this.notFound(address));
    }
  }

  private onMessage(context: EventContext): void {
    const { receiver, delivery } = context;
    if (!receiver || !delivery) return;
    const address = targetAddress(receiver);
    if (address === CBS) {
      // Any token is good: the stand-in does not authorise.
      this.reply(context, { 'status-code': 202, 'status-description': 'Accepted' });
      delivery.accept();
      return;
    }
    if (address.endsWith(MANAGEMENT_SUFFIX)) {
      const request = context.message;
      if (request) {
        const entityPath = address.slice(0, -MANAGEMENT_SUFFIX.length);
        const response = handleManagementRequest(this.registry, entityPath, request);
        const properties: Record<string, unknown> = {
          statusCode: response.statusCode,
          statusDescription: response.statusDescription ?? '',
        };
        if (response.errorCondition !== undefined) properties.errorCondition = response.errorCondition;
        this.reply(context, properties, response.body);
      }
      delivery.accept();
      return;
    }
    this.acceptSent(receiver, delivery, context.message);
  }

  private acceptSent(receiver: Receiver, delivery: Delivery, payload: Message | undefined): void {
    const address = targetAddress(receiver);
    const target = this.registry.sendTarget(address);
    if (!target || payload === undefined) {
      delivery.reject(this.notFound(address));
      return;
    }
    let messages: Message[];
    let size: number;
    try {
      // rhea decodes standard messages itself and hands over other formats as raw bytes.
      if (delivery.format === BATCH_MESSAGE_FORMAT && Buffer.isBuffer(payload)) {
        messages = unpackBatch(payload);
        size = payload.length;
      } else {
        messages = [payload];
        size = rhea.message.encode(payload).length;
      }
    } catch (err) {
      delivery.reject({ condition: 'amqp:decode-error', description: String(err) });
      return;
    }
    if (size > this.maxMessageSizeInBytes) {
      delivery.reject({
        condition: 'amqp:link:message-size-exceeded',
        description: `The received message (${size} bytes) exceeds the limit of ${this.maxMessageSizeInBytes} bytes.`,
      });
      return;
    }
    target.accept(messages);
    delivery.accept();
  }

  private onSenderFlow(context: EventContext): void {
    const consumer = this.consumerOf(context);
    // rhea raises sender_flow before sender_draining for the same frame, and sendable after both.
    if (consumer) consumer.draining = false;
  }

  /** Drain: give the unused credit back at once; messages still queued wait for the next credit. */
  private onSenderDraining(context: EventContext): void {
    const consumer = this.consumerOf(context);
    if (consumer) consumer.draining = true;
    context.sender?.set_drained(true);
  }

  private onOutcome(context: EventContext, kind: OutcomeName): void {
    const { delivery } = context;
    const consumer = this.consumerOf(context);
    if (!delivery || !consumer || consumer.mode !== 'peekLock' || delivery.settled) return;
    const token = deliveryTagToLockToken(delivery.tag);
    const state = (delivery.remote_state ?? {}) as OutcomeFields;
    const store = consumer.store;
    let result: SettleResult;
    switch (kind) {
      case 'accepted':
        result = store.complete(token);
        break;
      case 'released':
        result = store.abandon(token, undefined, false);
        break;
      case 'modified':
        // The SDK abandons with undeliverable_here false and defers with it true.
        result =
          state.undeliverable_here === true
            ? store.defer(token, definedEntries(state.message_annotations))
            : store.abandon(token, definedEntries(state.message_annotations));
        break;
      case 'rejected': {
        const { DeadLetterReason, DeadLetterErrorDescription, ...rest } =
          definedEntries(state.error?.info) ?? {};
        const isDeadLetter = state.error?.condition === DEAD_LETTER_CONDITION;
        result = store.deadLetter(
          token,
          isDeadLetter ? optionalString(DeadLetterReason) : state.error?.condition,
          isDeadLetter ? optionalString(DeadLetterErrorDescription) : state.error?.description,
          rest,
        );
        break;
      }
    }
    if (result === 'lockLost') {
      const error = {
        condition: 'com.microsoft:message-lock-lost',
        description:
          'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.',
      };
      settleOutgoing(delivery, outcome('rejected', { error }));
    } else {
      // Echo the client's outcome without its error: the SDK fails a settle whose reply carries one.
      settleOutgoing(delivery, outcome(kind, { undeliverable_here: state.undeliverable_here }));
    }
  }

  private reply(context: EventContext, applicationProperties: Record<string, unknown>, body?: unknown): void {
    const request = context.message;
    if (!request) return;
    const replyTo = typeof request.reply_to === 'string' ? request.reply_to : '';
    const link = this.replyLinksOf(context.connection).get(replyTo);
    if (!link) return; // Nobody to answer; the client times out, as it would against the service.
    const response: Message = {
      correlation_id: request.message_id,
      application_properties: applicationProperties,
      body,
    };
    link.send(response);
  }

  private replyLinksOf(connection: Connection): Map<string, Sender> {
    let links = this.replyLinks.get(connection);
    if (!links) {
      links = new Map();
      this.replyLinks.set(connection, links);
    }
    return links;
  }

  private consumerOf(context: EventContext): LinkConsumer | undefined {
    return context.sender ? this.consumers.get(context.sender) : undefined;
  }

  private forgetSender(sender: Sender | undefined): void {
    if (!sender) return;
    const consumer = this.consumers.get(sender);
    if (consumer) {
      consumer.store.removeConsumer(consumer);
      this.consumers.delete(sender);
    }
    const links = this.replyLinks.get(sender.connection);
    for (const [replyTo, link] of links ?? []) {
      if (link === sender) links?.delete(replyTo);
    }
  }

  private forgetWhere(predicate: (sender: Sender) => boolean): void {
    for (const sender of [...this.consumers.keys()]) {
      if (predicate(sender)) this.forgetSender(sender);
    }
  }

  private notFound(address: string): AmqpError {
    return {
      condition: 'amqp:not-found',
      description: `The messaging entity '${this.endpoint}${address}' could not be found.`,
    };
  }
}

/** The parts of a disposition state the SDK fills in (rhea types them as `any`). */
interface OutcomeFields {
  undeliverable_here?: boolean;
  message_annotations?: Record<string, unknown>;
  error?: { condition?: string; description?: string; info?: Record<string, unknown> };
}

function sourceAddress(l: link): string {
  return l.source?.address ?? '';
}

function targetAddress(l: link): string {
  return l.target?.address ?? '';
}

/** The service echoes the client's source and target; a missing terminus would mean "refused". */
function echoTermini(l: link): void {
  if (l.source?.address !== undefined) l.set_source({ address: l.source.address });
  if (l.target?.address !== undefined) l.set_target({ address: l.target.address });
}

function hasSessionFilter(l: link): boolean {
  const filter = (l.source as { filter?: Record<string, unknown> } | undefined)?.filter;
  return filter !== undefined && filter !== null && SESSION_FILTER in filter;
}

function definedEntries(record: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!record) return undefined;
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null));
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
