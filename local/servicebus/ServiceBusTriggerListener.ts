// Feeds one Service Bus trigger from a real namespace (or the test stand-in) through @azure/service-bus,
// with the host's behaviour: peek-lock, the handler's return completes, a throw abandons (the entity's max
// delivery count then dead-letters on the broker), locks renewed while the handler runs, at most
// maxConcurrentCalls handlers at once.
import {
  RetryMode,
  type ProcessErrorArgs,
  type ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
} from '@azure/service-bus';
import {
  createServiceBusClient,
  type ServiceBusConnection,
} from '../../shared/adapters/servicebus/createServiceBusClient';
import { errorMessage } from '../../shared/errors';
import type { ServiceBusFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import type { RuntimeLogger } from '../RuntimeLogger';
import { sdkTriggerInput } from './sdkTriggerInput';

/**
 * The extension's client retry defaults (host.json serviceBus.clientRetryOptions: exponential from 0.8 s to
 * 1 min, 3 retries, 1 min per try). The JS SDK's own wait 30 s between attempts, which would leave a
 * trigger idle that long after every connection loss.
 */
export const HOST_CLIENT_RETRY_OPTIONS = {
  mode: RetryMode.Exponential,
  retryDelayInMs: 800,
  maxRetryDelayInMs: 60_000,
  maxRetries: 3,
  timeoutInMs: 60_000,
};

export interface ServiceBusTriggerListenerOptions {
  readonly maxConcurrentCalls: number;
  /** host.json serviceBus.maxAutoLockRenewalDuration (five minutes by default, as in the extension). */
  readonly maxAutoLockRenewalDurationMs: number;
  readonly invoke: (fn: ServiceBusFunction, request: InvocationRequest) => Promise<unknown>;
  readonly extraInputs: (fn: ServiceBusFunction) => InvocationRequest['inputData'];
  readonly log: RuntimeLogger;
  /** Called when a handler starts and ends, so the runtime can tell when it is idle. */
  readonly track: (work: Promise<void>) => void;
}

export class ServiceBusTriggerListener {
  private readonly client: ServiceBusClient;
  private readonly receiver: ServiceBusReceiver;
  private subscription: { close(): Promise<void> } | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    readonly fn: ServiceBusFunction,
    connection: ServiceBusConnection,
    private readonly options: ServiceBusTriggerListenerOptions,
  ) {
    this.client = createServiceBusClient(connection, { retryOptions: HOST_CLIENT_RETRY_OPTIONS });
    const receiverOptions = {
      receiveMode: 'peekLock' as const,
      maxAutoLockRenewalDurationInMs: options.maxAutoLockRenewalDurationMs,
    };
    this.receiver =
      fn.topicName !== undefined && fn.subscriptionName !== undefined
        ? this.client.createReceiver(fn.topicName, fn.subscriptionName, receiverOptions)
        : this.client.createReceiver(fn.entity, receiverOptions);
  }

  start(): void {
    this.subscription = this.receiver.subscribe(
      {
        processMessage: (message) => this.process(message),
        processError: (args) => this.reportError(args),
      },
      // Settled here rather than by the SDK, so that a settlement that fails is logged with what it was.
      { autoCompleteMessages: false, maxConcurrentCalls: this.options.maxConcurrentCalls },
    );
  }

  /** Stops taking new messages; running handlers still settle theirs. */
  async stopReceiving(): Promise<void> {
    await this.subscription?.close();
  }

  /** After `stopReceiving` and the running handlers: closes the link and the connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.stopReceiving();
      await this.receiver.close();
      await this.client.close();
    })();
    return this.closing;
  }

  private async process(message: ServiceBusReceivedMessage): Promise<void> {
    const ids = { function: this.fn.name, messageId: String(message.messageId) };
    let failure: unknown;
    // The runtime waits for invocations (idle, stop); a settlement is the SDK's to finish or to time out.
    const invoked = this.options
      .invoke(this.fn, sdkTriggerInput(this.fn, message, this.options.extraInputs(this.fn)))
      .then(
        () => undefined,
        (err: unknown) => {
          failure = err ?? new Error('The function failed');
        },
      );
    this.options.track(invoked);
    await invoked;
    try {
      if (failure === undefined) {
        await this.receiver.completeMessage(message);
      } else {
        // As the host: the broker counts the delivery and dead-letters past the entity's max delivery count.
        await this.receiver.abandonMessage(message);
        this.options.log.warn('Message abandoned; it will be redelivered or dead-lettered by the broker', {
          ...ids,
          deliveryCount: (message.deliveryCount ?? 0) + 1,
          reason: errorMessage(failure),
        });
      }
    } catch (settleError) {
      this.options.log.warn('Message settlement failed; the broker redelivers it when its lock expires', {
        ...ids,
        error: errorMessage(settleError),
      });
    }
  }

  private reportError(args: ProcessErrorArgs): Promise<void> {
    // Connection losses surface here; the SDK reconnects on its own.
    this.options.log.warn('Service Bus receiver error', {
      function: this.fn.name,
      entity: args.entityPath,
      source: args.errorSource,
      error: errorMessage(args.error),
    });
    return Promise.resolve();
  }
}
