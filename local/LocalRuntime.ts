// The local Functions runtime: hosts the app's own registrations (captured through @azure/functions-core)
// with HTTP, Durable orchestrations and activities, Service Bus queue triggers, timer triggers and durable timers, all
// persisted in one embedded database so that a kill -9 loses nothing.
import {
  EmbeddedQueue,
  embeddedQueueSignals,
  type ReceivedMessage,
} from '../shared/adapters/sqlite/EmbeddedQueue';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../shared/adapters/sqlite/openEmbeddedDatabase';
import { ManualClock, SystemClock, type Clock } from './clock/Clock';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { DurableHttpApi } from './durable/DurableHttpApi';
import { DurableStore, type WorkItem } from './durable/DurableStore';
import { OrchestrationEngine, type InvokeFunction } from './durable/OrchestrationEngine';
import { runActivity } from './durable/runActivity';
import { capturedFunctions, capturedHooks, setLogSink } from './functionsCore/functionsCoreModule';
import type { ServiceBusConnection } from '../shared/adapters/servicebus/createServiceBusClient';
import { FunctionCatalog, type RegisteredFunction, type ServiceBusFunction } from './host/FunctionCatalog';
import { readHostConfig, type HostConfig } from './host/HostConfig';
import { invokeRegisteredFunction, type InvocationRequest } from './host/invokeRegisteredFunction';
import { traceContextFromExecutionStarted } from './host/traceContext';
import { flattenHeaders, HttpHost, webhookBasePath } from './http/HttpHost';
import { consoleLogger, logAtLevel, type RuntimeLogger } from './RuntimeLogger';
import { resolveServiceBusConnection } from './servicebus/resolveServiceBusConnection';
import { ServiceBusTriggerListener } from './servicebus/ServiceBusTriggerListener';
import { serviceBusTriggerInput } from './servicebus/serviceBusTriggerInput';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from './http/readRequestBody';
import { sendPlain } from './http/httpResponse';
import { isStorageFailure } from '../shared/adapters/sqlite/storageFailure';
import { retryWhileStorageFails } from './storage/retryWhileStorageFails';
import { WriteFailureBackoff } from './storage/WriteFailureBackoff';
import { TimerScheduler, timerInfoJson, type TimerInvocation } from './timers/TimerScheduler';

export interface LocalRuntimeOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  readonly functionKey: string;
  readonly hostJsonPath: string;
  /** Loads the app's entry module; its registrations are captured while it loads. */
  readonly loadApp: () => void;
  readonly appDirectory?: string;
  readonly clock?: Clock;
  readonly logger?: RuntimeLogger;
  /** Test mode: every activity runs twice and every episode is replayed twice. */
  readonly doubleExecution?: boolean;
  /** Deliveries before a message is dead-lettered (Service Bus queues default to 10). */
  readonly maxDeliveryCount?: number;
  readonly messageLockDurationMs?: number;
  /** How long a request may take to arrive (`REQUEST_TIMEOUT_MS` by default). */
  readonly requestTimeoutMs?: number;
  /**
   * App settings that Service Bus triggers' `connection` names are read from (process.env by default): a
   * trigger whose connection is set is fed from that namespace through @azure/service-bus, any other from
   * the embedded queue.
   */
  readonly settings?: Readonly<Record<string, string | undefined>>;
}

const idlePollMs = 1000;
/** The longest a queue trigger's next batch waits for HTTP requests to be answered first. */
const maxHttpPriorityMs = 25;
const defaultLockDurationMs = 5 * 60 * 1000;

export class LocalRuntime {
  private stopping = false;
  private pumpScheduled = false;
  private pumping = false;
  private pumpAgain = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private readonly inflight = new Set<Promise<void>>();
  private inflightActivities = 0;
  private readonly inflightMessages = new Map<string, number>();
  private readonly lastReceivedAt = new Map<string, number>();
  private deferredDispatch: NodeJS.Timeout | undefined;
  private previousWebsiteHostname: string | undefined;
  private readonly onQueueSignal = () => this.wake();
  /** Ends waits of background retries when the runtime stops. */
  private readonly stopController = new AbortController();
  /** Background work that failed to write waits this out instead of crashing or spinning. */
  private readonly writeBackoff: WriteFailureBackoff;
  /** Triggers fed from the embedded queue; the others have a broker listener. */
  private readonly embeddedTriggers: ServiceBusFunction[] = [];
  private readonly brokerListeners: ServiceBusTriggerListener[] = [];

  private constructor(
    private readonly options: LocalRuntimeOptions,
    readonly clock: Clock,
    readonly log: RuntimeLogger,
    readonly hostConfig: HostConfig,
    readonly catalog: FunctionCatalog,
    private readonly db: EmbeddedDatabase,
    readonly store: DurableStore,
    readonly queue: EmbeddedQueue,
    readonly engine: OrchestrationEngine,
    private readonly lock: DataDirLock,
    private readonly appHookData: Record<string, unknown>,
    private readonly invoke: InvokeFunction,
    private readonly httpHost: HttpHost,
    private readonly rpcServer: Server,
    readonly port: number,
    readonly rpcBaseUrl: string,
    private readonly timers: TimerScheduler,
  ) {
    this.writeBackoff = new WriteFailureBackoff(db, log);
  }

  static async start(options: LocalRuntimeOptions): Promise<LocalRuntime> {
    const log = options.logger ?? consoleLogger();
    const clock = options.clock ?? new SystemClock();
    const hostConfig = readHostConfig(options.hostJsonPath);
    options.loadApp();
    const catalog = new FunctionCatalog(capturedFunctions());
    setLogSink((level, category, message) => logAtLevel(log, level, message, { category }));

    const lock = lockDataDir(options.dataDir);
    const db = openEmbeddedDatabase(options.dataDir);
    const store = new DurableStore(db);
    const queue = new EmbeddedQueue(db, () => clock.now());
    const timers = new TimerScheduler(db, catalog.timers, clock);
    const reclaimedWork = store.unfinishedWorkCount();
    const reclaimedMessages = queue.releaseAllLocks();
    if (reclaimedWork + reclaimedMessages > 0) {
      log.info('Recovered unfinished work from the previous run', {
        activities: reclaimedWork,
        messages: reclaimedMessages,
      });
    }
    const settings = options.settings ?? process.env;
    const brokerTriggers: { fn: ServiceBusFunction; connection: ServiceBusConnection }[] = [];
    const embeddedTriggers: ServiceBusFunction[] = [];
    for (const fn of catalog.serviceBus) {
      const connection = resolveServiceBusConnection(fn.connection, settings);
      if (connection !== undefined) {
        brokerTriggers.push({ fn, connection });
        continue;
      }
      embeddedTriggers.push(fn);
      if (fn.topicName !== undefined && fn.subscriptionName !== undefined) {
        queue.declareSubscription(fn.topicName, fn.subscriptionName);
      } else if (fn.queueName !== undefined) {
        queue.declareQueue(fn.queueName);
      }
    }

    // Late-bound: the HTTP and RPC servers and the engine need each other's addresses and callbacks.
    const self: { runtime?: LocalRuntime } = {};
    const appHookData: Record<string, unknown> = {};
    const invoke = functionInvoker(log, appHookData);
    const engine = new OrchestrationEngine(
      store,
      catalog,
      clock,
      invoke,
      {
        overridableExistingInstanceStates: hostConfig.overridableExistingInstanceStates,
        replayEveryEpisodeTwice: options.doubleExecution === true,
        maxEventsPerEpisode: 100,
      },
      log,
    );
    const links = { base: '' };
    const durableApi = new DurableHttpApi(
      engine,
      store,
      { forInstance: (id) => managementUrls(links.base, hostConfig.hubName, options.functionKey, id) },
      () => self.runtime?.wake(),
    );
    const rpcServer = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const body = await readRequestBody(req);
        const headers = flattenHeaders(req);
        sendPlain(
          res,
          durableApi.handle({
            method: req.method ?? 'GET',
            path: url.pathname.replace(/^\/durabletask\//, ''),
            query: url.searchParams,
            headers,
            body: body.toString('utf8'),
          }),
        );
      })().catch((err: unknown) => {
        log.error('Durable RPC request failed', { error: err instanceof Error ? err.message : String(err) });
        sendPlain(res, { status: 500 });
      });
    });
    await new Promise<void>((resolve) => rpcServer.listen(0, '127.0.0.1', () => resolve()));
    const rpcBaseUrl = `http://127.0.0.1:${(rpcServer.address() as AddressInfo).port}/durabletask/`;

    const httpHost = new HttpHost({
      routePrefix: hostConfig.routePrefix,
      functionKey: options.functionKey,
      functions: catalog.http,
      durableApi,
      invoke,
      extraInputs: (fn) => self.runtime?.extraInputs(fn) ?? [],
      log,
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    });
    const host = options.host ?? '127.0.0.1';
    const port = await httpHost.listen(options.port, host);
    links.base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

    const runtime = new LocalRuntime(
      options,
      clock,
      log,
      hostConfig,
      catalog,
      db,
      store,
      queue,
      engine,
      lock,
      appHookData,
      invoke,
      httpHost,
      rpcServer,
      port,
      rpcBaseUrl,
      timers,
    );
    self.runtime = runtime;
    runtime.embeddedTriggers.push(...embeddedTriggers);
    // The durable client rewrites management links to this origin (the Functions host sets it too).
    runtime.previousWebsiteHostname = process.env.WEBSITE_HOSTNAME;
    process.env.WEBSITE_HOSTNAME = `127.0.0.1:${port}`;
    for (const hook of capturedHooks('appStart')) {
      await hook({
        hookData: {},
        appHookData: runtime.appHookData,
        functionAppDirectory: options.appDirectory ?? process.cwd(),
      });
    }
    embeddedQueueSignals.on('sent', runtime.onQueueSignal);
    clock.onAdvance(() => runtime.wake());
    runtime.wake();
    for (const { fn, connection } of brokerTriggers) {
      const listener = new ServiceBusTriggerListener(fn, connection, {
        maxConcurrentCalls: hostConfig.serviceBusMaxConcurrentCalls,
        maxAutoLockRenewalDurationMs: hostConfig.serviceBusMaxAutoLockRenewalDurationMs,
        invoke,
        extraInputs: (f) => runtime.extraInputs(f),
        log,
        track: (work) => runtime.track(work),
      });
      runtime.brokerListeners.push(listener);
      listener.start();
      log.info('Service Bus trigger listening on the namespace', { function: fn.name, entity: fn.entity });
    }
    return runtime;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Schedules a pass over all pending work (coalesced). */
  wake(): void {
    // While writes fail, the wake timer runs the next pass when the backoff ends.
    if (this.stopping || this.pumpScheduled || this.writeBackoff.waiting) {
      return;
    }
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      if (!this.stopping) {
        void this.pump();
      }
    });
  }

  /** Waits until nothing is in flight and no work is ready (tests use it to settle). */
  async idle(): Promise<void> {
    for (;;) {
      while (this.pumping || this.pumpScheduled || this.inflight.size > 0) {
        await Promise.race([...this.inflight, new Promise((r) => setTimeout(r, 5))]);
      }
      if (
        this.store.instancesWithWork(1).length === 0 &&
        this.store.dueTimers(this.clock.now()).length === 0 &&
        !this.timers.hasDue() &&
        !this.hasReadyWork()
      ) {
        return;
      }
      this.wake();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) {
      return;
    }
    this.stopping = true;
    this.stopController.abort();
    embeddedQueueSignals.off('sent', this.onQueueSignal);
    clearTimeout(this.wakeTimer);
    await Promise.allSettled(this.brokerListeners.map((l) => l.stopReceiving()));
    while (this.pumping || this.pumpScheduled) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.allSettled([...this.inflight]);
    await Promise.allSettled(this.brokerListeners.map((l) => l.close()));
    await this.httpHost.close();
    this.rpcServer.closeAllConnections();
    await new Promise<void>((resolve) => this.rpcServer.close(() => resolve()));
    for (const hook of capturedHooks('appTerminate')) {
      await hook({ hookData: {}, appHookData: this.appHookData });
    }
    if (this.previousWebsiteHostname === undefined) delete process.env.WEBSITE_HOSTNAME;
    else process.env.WEBSITE_HOSTNAME = this.previousWebsiteHostname;
    this.db.close();
    this.lock.release();
  }

  /** The durableClient binding's data, as the extension provides it. */
  extraInputs(fn: RegisteredFunction): InvocationRequest['inputData'] {
    const clientData = {
      taskHubName: this.hostConfig.hubName,
      creationUrls: {
        createNewInstancePostUri: `${this.url}${webhookBasePath}orchestrators/{functionName}[/{instanceId}]?code=${this.options.functionKey}`,
        createAndWaitOnNewInstancePostUri: `${this.url}${webhookBasePath}orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&code=${this.options.functionKey}`,
      },
      managementUrls: {
        id: 'INSTANCEID',
        ...managementUrls(this.url, this.hostConfig.hubName, this.options.functionKey, 'INSTANCEID'),
      },
      baseUrl: `${this.url}${webhookBasePath.replace(/\/$/, '')}`,
      requiredQueryStringParameters: `code=${this.options.functionKey}`,
      rpcBaseUrl: this.rpcBaseUrl,
    };
    return fn.durableClientInputs.map((name) => ({ name, data: { json: JSON.stringify(clientData) } }));
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        if (this.engine.fireDueTimers() > 0) {
          this.pumpAgain = true;
          this.writeBackoff.succeeded();
        }
        for (const instanceId of this.store.instancesWithWork(50)) {
          if (this.stopping) {
            return;
          }
          try {
            if (await this.engine.runEpisode(instanceId)) {
              this.pumpAgain = true;
              this.writeBackoff.succeeded();
            }
          } catch (err) {
            if (isStorageFailure(err)) {
              throw err; // the whole pass waits: the next episode would fail the same way
            }
            this.log.error('Orchestration episode failed in the runtime; it will be retried', {
              instanceId,
              error: err instanceof Error ? (err.stack ?? err.message) : String(err),
            });
          }
          await new Promise((r) => setImmediate(r));
        }
        this.dispatchActivities();
        this.dispatchMessages();
        this.dispatchTimerTriggers();
      } while (this.pumpAgain && !this.stopping);
    } catch (err) {
      // A pass never takes the process down: a full disk or an I/O error passes, and the pass runs again.
      this.writeBackoff.failed(err, 'timers and orchestration episodes');
    } finally {
      this.pumping = false;
      this.armWakeTimer();
    }
  }

  private dispatchActivities(): void {
    const free = this.hostConfig.maxConcurrentActivityFunctions - this.inflightActivities;
    if (free <= 0 || this.stopping) {
      return;
    }
    for (const item of this.store.claimWorkItems(free)) {
      this.inflightActivities++;
      this.track(this.executeActivity(item).finally(() => this.inflightActivities--));
    }
  }

  private async executeActivity(item: WorkItem): Promise<void> {
    const outcome = await runActivity(
      item,
      this.catalog,
      this.invoke,
      this.options.doubleExecution === true,
      (fn) => this.extraInputs(fn),
      traceContextFromExecutionStarted(this.store.executionStarted(item.instanceId)),
    );
    if (this.stopping && !outcome.ok) {
      return; // the claim is released at the next start and the activity runs again
    }
    // The result is kept through a full disk rather than the activity run again once space returns.
    await retryWhileStorageFails(
      () => {
        try {
          this.engine.completeWorkItem(item, outcome);
        } catch (err) {
          // Retried below: no second worker may run it meanwhile. Any other failure frees it to run again.
          if (isStorageFailure(err)) this.store.keepClaim(item.id);
          throw err;
        }
      },
      this.writeBackoff,
      `the result of activity '${item.name}'`,
      this.stopController.signal,
    );
  }

  private dispatchTimerTriggers(): void {
    if (this.stopping) return;
    for (const invocation of this.timers.takeDue()) {
      this.track(this.invokeTimer(invocation));
    }
  }

  private async invokeTimer(invocation: TimerInvocation): Promise<void> {
    const { fn } = invocation;
    try {
      await this.invoke(fn, {
        inputData: [
          { name: fn.triggerName, data: { json: timerInfoJson(invocation) } },
          ...this.extraInputs(fn),
        ],
      });
    } catch (err) {
      // As the host does: a failed run is logged and the schedule goes on.
      this.log.error('Timer function failed; the schedule goes on', {
        function: fn.name,
        error: err instanceof Error ? err.message : String(err),
      });
    } finally {
      this.timers.completed(invocation, this.clock.now());
    }
  }

  private dispatchMessages(): void {
    for (const fn of this.embeddedTriggers) {
      const concurrency = this.hostConfig.serviceBusMaxConcurrentCalls;
      const busy = this.inflightMessages.get(fn.name) ?? 0;
      const free = concurrency - busy;
      // Each receive is a commit (the locks and delivery counts are durable): while messages are in flight,
      // wait until half the slots are free and receive them together rather than one per completion.
      if (free <= 0 || this.stopping || (busy > 0 && free < Math.ceil(concurrency / 2))) {
        continue;
      }
      if (this.deferredForHttp(fn)) {
        continue;
      }
      // The slots are taken before the receive commits (with this turn's completions) and given back when
      // fewer messages came.
      this.inflightMessages.set(fn.name, busy + free);
      this.trackQuietly(this.receiveAndHandle(fn, free));
    }
  }

  private async receiveAndHandle(fn: ServiceBusFunction, slots: number): Promise<void> {
    let messages: ReceivedMessage[] = [];
    try {
      messages = await this.queue.receiveInGroupCommit(fn.entity, slots, this.lockDurationMs);
    } finally {
      this.releaseMessageSlots(fn, slots - messages.length);
    }
    for (const message of messages) {
      this.track(this.handleMessage(fn, message).finally(() => this.releaseMessageSlots(fn, 1)));
    }
  }

  private releaseMessageSlots(fn: ServiceBusFunction, count: number): void {
    this.inflightMessages.set(fn.name, (this.inflightMessages.get(fn.name) ?? count) - count);
  }

  /**
   * Tracked for `idle` and `stop`, without the wake-up `track` gives when work ends: a receive that found
   * nothing must not start another pass (which would receive nothing again, and again).
   */
  private trackQuietly(work: Promise<void>): void {
    const tracked = work
      .catch((err: unknown) => {
        if (isStorageFailure(err)) {
          this.writeBackoff.failed(err, 'receiving queue messages');
          return;
        }
        this.log.error('Receiving queue messages failed; they will be received again', {
          error: err instanceof Error ? err.message : String(err),
        });
      })
      .finally(() => this.inflight.delete(tracked));
    this.inflight.add(tracked);
  }

  /**
   * Queue triggers are background work: while HTTP requests are being answered (an alert source waits for
   * its 202) a trigger's next batch waits, but never longer than `maxHttpPriorityMs` after its previous
   * batch, so that correlation keeps going under any intake load.
   */
  private deferredForHttp(fn: ServiceBusFunction): boolean {
    const now = performance.now();
    const waited = now - (this.lastReceivedAt.get(fn.name) ?? Number.NEGATIVE_INFINITY);
    if (this.httpHost.requestsInFlight > 0 && waited < maxHttpPriorityMs) {
      if (this.deferredDispatch === undefined) {
        this.deferredDispatch = setTimeout(() => {
          this.deferredDispatch = undefined;
          this.wake();
        }, maxHttpPriorityMs - waited);
        this.deferredDispatch.unref();
      }
      return true;
    }
    this.lastReceivedAt.set(fn.name, now);
    return false;
  }

  private async handleMessage(fn: ServiceBusFunction, message: ReceivedMessage): Promise<void> {
    let handlerError: unknown;
    const stopRenewing = this.renewWhileHandled(fn, message);
    try {
      await this.invoke(fn, serviceBusTriggerInput(fn, message, this.extraInputs(fn)));
    } catch (err) {
      handlerError = err;
    } finally {
      stopRenewing();
    }
    // Settlements are retried while the disk is full: a message left locked would wait out its lock (five
    // minutes) before anyone received it again.
    if (handlerError === undefined) {
      try {
        // Completions of one turn share a commit; a completion lost in a crash means one redelivery.
        await retryWhileStorageFails(
          () => this.queue.completeInGroupCommit(message),
          this.writeBackoff,
          `completing message ${message.messageId}`,
          this.stopController.signal,
        );
        return;
      } catch (err) {
        handlerError = err;
      }
    }
    const reason = handlerError instanceof Error ? handlerError.message : String(handlerError);
    try {
      const outcome = await retryWhileStorageFails(
        () => this.queue.abandon(message, this.options.maxDeliveryCount ?? 10, reason),
        this.writeBackoff,
        `abandoning message ${message.messageId}`,
        this.stopController.signal,
      );
      this.log.warn(
        outcome === 'dead-lettered' ? 'Message dead-lettered' : 'Message abandoned; it will be redelivered',
        {
          function: fn.name,
          messageId: message.messageId,
          deliveryCount: message.deliveryCount,
          reason,
        },
      );
    } catch (settleError) {
      this.log.warn(
        'Message not settled; it will be redelivered when its lock expires or at the next start',
        {
          function: fn.name,
          messageId: message.messageId,
          error: settleError instanceof Error ? settleError.message : String(settleError),
        },
      );
    }
  }

  /**
   * As the host's receiver does: the lock is renewed (halfway through each lock period) while the handler
   * runs, for at most maxAutoLockRenewalDuration. Returns what stops it.
   */
  private renewWhileHandled(fn: ServiceBusFunction, message: ReceivedMessage): () => void {
    const lockDurationMs = this.lockDurationMs;
    const renewUntil = this.clock.now() + this.hostConfig.serviceBusMaxAutoLockRenewalDurationMs;
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      timer = setTimeout(renew, Math.max(1, lockDurationMs / 2));
      timer.unref();
    };
    const renew = () => {
      if (this.stopping || this.clock.now() >= renewUntil) return;
      try {
        this.queue.renewLock(message, Math.min(lockDurationMs, renewUntil - this.clock.now()));
        schedule();
      } catch (err) {
        this.log.warn('Message lock could not be renewed; it will be redelivered when it expires', {
          function: fn.name,
          messageId: message.messageId,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    };
    schedule();
    return () => clearTimeout(timer);
  }

  private get lockDurationMs(): number {
    return this.options.messageLockDurationMs ?? defaultLockDurationMs;
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((err: unknown) =>
        this.log.error('Background work failed', { error: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        this.inflight.delete(tracked);
        this.wake();
      });
    this.inflight.add(tracked);
  }

  private hasReadyWork(): boolean {
    if (this.store.hasUnclaimedWork()) return true;
    return this.embeddedTriggers.some((fn) => {
      const row = this.db
        .prepare(
          `SELECT 1 FROM sb_messages WHERE entity = ? AND dead_lettered = 0 AND (locked_until IS NULL OR locked_until <= ?) LIMIT 1`,
        )
        .get(fn.entity, this.clock.now());
      return row !== undefined;
    });
  }

  private armWakeTimer(): void {
    clearTimeout(this.wakeTimer);
    if (this.stopping || this.clock instanceof ManualClock) {
      return;
    }
    if (this.writeBackoff.waiting) {
      this.wakeTimer = setTimeout(() => this.wake(), this.writeBackoff.remainingMs + 1);
      this.wakeTimer.unref();
      return;
    }
    const next = earliest(this.store.nextTimerAt(), this.timers.nextAt());
    const delay =
      next === undefined ? idlePollMs : Math.max(0, Math.min(idlePollMs, next - this.clock.now()));
    this.wakeTimer = setTimeout(() => this.wake(), delay);
    this.wakeTimer.unref();
  }
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

function functionInvoker(log: RuntimeLogger, appHookData: Record<string, unknown>): InvokeFunction {
  return (fn, request) =>
    invokeRegisteredFunction(
      fn.fn,
      request,
      (name, level, _category, message) => logAtLevel(log, level, message, { function: name }),
      appHookData,
    );
}

function managementUrls(base: string, hub: string, key: string, id: string): Record<string, string> {
  const instance = `${base}${webhookBasePath}instances/${id}`;
  const q = `taskHub=${encodeURIComponent(hub)}&connection=Storage&code=${key}`;
  return {
    statusQueryGetUri: `${instance}?${q}`,
    sendEventPostUri: `${instance}/raiseEvent/{eventName}?${q}`,
    terminatePostUri: `${instance}/terminate?reason={text}&${q}`,
    rewindPostUri: `${instance}/rewind?reason={text}&${q}`,
    purgeHistoryDeleteUri: `${instance}?${q}`,
    restartPostUri: `${instance}/restart?${q}`,
    suspendPostUri: `${instance}/suspend?reason={text}&${q}`,
    resumePostUri: `${instance}/resume?reason={text}&${q}`,
  };
}
