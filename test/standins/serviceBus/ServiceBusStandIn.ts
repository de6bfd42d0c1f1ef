// An in-process Azure Service Bus stand-in: an AMQP 1.0 peer built on rhea that the real
// @azure/service-bus SDK talks to unmodified. Known gaps vs the service are listed in README.md.
import { type AddressInfo, type Server, type Socket } from 'node:net';
import rhea, { type Container, type ReceiverOptions, type SenderOptions } from 'rhea';
import { type InspectedMessage, inspect } from './amqpMessages';
import {
  EntityRegistry,
  type QueueConfig,
  type SendStats,
  type SubscriptionConfig,
  type TopicConfig,
} from './EntityRegistry';
import { LinkRouter } from './LinkRouter';

export type { InspectedMessage, QueueConfig, SendStats, SubscriptionConfig, TopicConfig };

export interface ServiceBusStandInOptions {
  readonly queues?: readonly QueueConfig[];
  readonly topics?: readonly TopicConfig[];
  /** Advertised on sender links (the SDK sizes batches by it); the Standard tier's 256 KB by default. */
  readonly maxMessageSizeInBytes?: number;
}

export const STANDARD_TIER_MAX_MESSAGE_SIZE = 256 * 1024;

interface ListenOptions {
  readonly receiver_options: ReceiverOptions;
  readonly sender_options: SenderOptions;
}

export class ServiceBusStandIn {
  private stopping: Promise<void> | undefined;
  private offline: Promise<void> | undefined;

  private constructor(
    private server: Server,
    private readonly sockets: Set<Socket>,
    private readonly registry: EntityRegistry,
    private readonly container: Container,
    private readonly listenOptions: ListenOptions,
    /** Port on 127.0.0.1, chosen by the OS. */
    readonly port: number,
  ) {}

  /** For `new ServiceBusClient(connectionString)`: plain TCP, any key accepted. */
  get connectionString(): string {
    return `Endpoint=${this.endpoint};SharedAccessKeyName=test;SharedAccessKey=dGVzdA==;UseDevelopmentEmulator=true`;
  }

  get endpoint(): string {
    return `sb://127.0.0.1:${this.port}/`;
  }

  static async start(options: ServiceBusStandInOptions = {}): Promise<ServiceBusStandIn> {
    const registry = new EntityRegistry(options.queues ?? [], options.topics ?? []);
    const maxMessageSize = options.maxMessageSizeInBytes ?? STANDARD_TIER_MAX_MESSAGE_SIZE;
    const container = rhea.create_container({ id: 'servicebus-standin' });
    const receiverOptions: ReceiverOptions = {
      autoaccept: false, // Accept only after the message is stored, or reject it.
      credit_window: 1000,
      max_message_size: maxMessageSize, // Without it the SDK cannot size batches.
    };
    const senderOptions: SenderOptions & { treat_modified_as_released: boolean } = {
      treat_modified_as_released: false, // Abandon and defer arrive as "modified"; handle them once.
    };
    const listenOptions = { receiver_options: receiverOptions, sender_options: senderOptions };
    const sockets = new Set<Socket>();
    const server = await listen(container, 0, listenOptions, sockets);
    const port = (server.address() as AddressInfo).port;
    const standIn = new ServiceBusStandIn(server, sockets, registry, container, listenOptions, port);
    new LinkRouter(registry, standIn.endpoint, maxMessageSize).listenOn(container);
    return standIn;
  }

  /**
   * An outage: drops every connection and stops listening, but keeps every entity's messages, locks
   * (which go on expiring), dead letters and duplicate-detection history, as the service does.
   */
  goOffline(): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('The Service Bus stand-in is stopped.'));
    this.offline ??= closeServer(this.server, this.sockets);
    return this.offline;
  }

  /** Ends an outage: listens on the same port again, so clients reconnect to what they had. */
  async comeBack(): Promise<void> {
    if (!this.offline) return;
    await this.offline;
    this.server = await listen(this.container, this.port, this.listenOptions, this.sockets);
    this.offline = undefined;
  }

  /**
   * Everything stored for a queue or subscription (`topic/Subscriptions/name`), in sequence order:
   * active, locked, deferred and scheduled messages alike.
   */
  peekAll(entity: string): InspectedMessage[] {
    return this.store(entity).all().map(inspect);
  }

  /** The dead-letter sub-queue of a queue or subscription. */
  deadLetters(entity: string): InspectedMessage[] {
    return this.store(`${entity}/$DeadLetterQueue`).all().map(inspect);
  }

  /** What arrived over sender links for a queue or topic, e.g. to see how many batches a send took. */
  sendStats(entity: string): Readonly<SendStats> {
    const target = this.registry.sendTarget(entity);
    if (!target) {
      throw new Error(`The stand-in has no queue or topic named '${entity}'.`);
    }
    return { ...target.stats };
  }

  /** Drops every connection and stops listening; idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await (this.offline ?? closeServer(this.server, this.sockets));
      this.registry.dispose();
    })();
    return this.stopping;
  }

  private store(entity: string) {
    const store = this.registry.receiveSource(entity);
    if (!store) {
      throw new Error(`The stand-in has no queue or subscription named '${entity}'.`);
    }
    return store;
  }
}

async function listen(
  container: Container,
  port: number,
  options: ListenOptions,
  sockets: Set<Socket>,
): Promise<Server> {
  const server = container.listen({ port, host: '127.0.0.1', ...options });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    for (const socket of sockets) {
      // With an error, so rhea (which watches 'error' and 'end', not 'close') drops its timers too.
      socket.destroy(new Error('The Service Bus stand-in went away.'));
    }
    server.close((err) => (err ? reject(err) : resolve()));
  });
}
