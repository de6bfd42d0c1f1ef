// The one place that wires adapters to ports, once per process and lazily.
import { azureCredential } from './azureCredential';
import { loadConfig, type LifeboatConfig } from './config';
import { ServiceBusMessageSender } from './adapters/servicebus/ServiceBusMessageSender';
import { ServiceBusHealthCheck } from './adapters/servicebus/ServiceBusHealthCheck';
import { CosmosAlertStore } from './adapters/cosmos/CosmosAlertStore';
import { CosmosApprovalLinkStore } from './adapters/cosmos/CosmosApprovalLinkStore';
import { CosmosCorrelationStore } from './adapters/cosmos/CosmosCorrelationStore';
import { CosmosDatabase } from './adapters/cosmos/CosmosDatabase';
import { CosmosHealthCheck } from './adapters/cosmos/CosmosHealthCheck';
import { CosmosIncidentStore } from './adapters/cosmos/CosmosIncidentStore';
import { CosmosIncidentEventOutbox } from './adapters/cosmos/CosmosIncidentEventOutbox';
import { CosmosDeadLetterActionLog } from './adapters/cosmos/CosmosDeadLetterActionLog';
import { createCosmosClient } from './adapters/cosmos/createCosmosClient';
import { ALERTS_QUEUE } from './domain/contracts/queues';
import { assertFitForAzure } from './hostingEnvironment';
import { errorMessage, isPermanentError } from './errors';
import { EmbeddedAlertStore } from './adapters/sqlite/EmbeddedAlertStore';
import { EmbeddedApprovalLinkStore } from './adapters/sqlite/EmbeddedApprovalLinkStore';
import { EmbeddedCorrelationStore } from './adapters/sqlite/EmbeddedCorrelationStore';
import { EmbeddedIncidentStore } from './adapters/sqlite/EmbeddedIncidentStore';
import { EmbeddedDatabaseHealthCheck } from './adapters/sqlite/EmbeddedDatabaseHealthCheck';
import { EmbeddedMessageSender } from './adapters/sqlite/EmbeddedMessageSender';
import { EmbeddedQueue } from './adapters/sqlite/EmbeddedQueue';
import { EmbeddedIncidentEventOutbox } from './adapters/sqlite/EmbeddedIncidentEventOutbox';
import { INCIDENT_EVENTS_TOPIC, WORKLOAD_EVENTS_TOPIC } from './domain/contracts/queues';
import type { IncidentEventOutbox } from './ports/IncidentEventOutbox';
import { EventPublishing } from './services/EventPublishing';
import { EmbeddedBrokerDeadLetters } from './adapters/sqlite/EmbeddedBrokerDeadLetters';
import { EmbeddedDeadLetterActionLog } from './adapters/sqlite/EmbeddedDeadLetterActionLog';
import { ServiceBusBrokerDeadLetters } from './adapters/servicebus/ServiceBusBrokerDeadLetters';
import type { ServiceBusConnection } from './adapters/servicebus/createServiceBusClient';
import type { BrokerDeadLetters } from './ports/BrokerDeadLetters';
import type { DeadLetterActionLog } from './ports/DeadLetterActionLog';
import { IncidentEventPublisher } from './services/IncidentEventPublisher';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './adapters/sqlite/openEmbeddedDatabase';
import type { Catalog } from './domain/catalog/Catalog';
import { loadCatalog } from './domain/catalog/loadCatalog';
import type { AlertStore } from './ports/AlertStore';
import type { ApprovalLinkStore } from './ports/ApprovalLinkStore';
import type { CorrelationStore } from './ports/CorrelationStore';
import type { HealthCheck } from './ports/HealthCheck';
import type { IncidentStore } from './ports/IncidentStore';
import type { MessageSender } from './ports/MessageSender';
import type { HealthProbe } from './ports/HealthProbe';
import type { HttpStepExecutor } from './ports/StepExecutor';
import { FetchHttpStepExecutor } from './adapters/http/FetchHttpStepExecutor';
import type { AzureStepExecutor } from './ports/AzureStepExecutor';
import { ArmStepExecutor } from './adapters/arm/ArmStepExecutor';
import { HttpHealthProbe } from './adapters/http/HttpHealthProbe';
import { nonNullValue } from './nonNull';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { MessageTemplates } from './domain/notifications/base/MessageTemplates';
import type { NotificationChannel } from './ports/NotificationChannel';
import { loadMessageTemplates, MESSAGE_TEMPLATES_DIR } from './adapters/notify/loadMessageTemplates';
import { OutboxChannel } from './adapters/notify/OutboxChannel';
import { SmtpEmailChannel } from './adapters/notify/SmtpEmailChannel';
import { TeamsWebhookChannel } from './adapters/notify/TeamsWebhookChannel';
import { publicBaseUrl } from './publicBaseUrl';
import { consoleLogger } from './logging';
import type { ReadinessStore } from './ports/ReadinessStore';
import { EmbeddedReadinessStore } from './adapters/sqlite/EmbeddedReadinessStore';
import { CosmosReadinessStore } from './adapters/cosmos/CosmosReadinessStore';
import { ReadinessEvaluator } from './services/ReadinessEvaluator';
import { tellReadinessChange } from './services/tellReadinessChange';
import { ReplicationLagReader } from './adapters/ReplicationLagReader';
import { metricsQueryClient } from './adapters/azure/AzureMonitorLagReader';
import { DnsHostResolver } from './adapters/http/DnsHostResolver';
import { runsInAzure } from './hostingEnvironment';

export interface Container {
  readonly config: LifeboatConfig;
  readonly healthChecks: readonly HealthCheck[];
  /** The workload catalog, loaded and validated once (call it at start-up to fail fast). */
  catalog(): Catalog;
  alertStore(): AlertStore;
  correlationStore(): CorrelationStore;
  incidentStore(): IncidentStore;
  /** The incident events the incident store recorded with its timeline entries. */
  incidentEventOutbox(): IncidentEventOutbox;
  /**
   * Publishes the outbox to the incident-events topic in this process (started by the app at start-up;
   * stopped by `close`).
   */
  eventPublishing(): EventPublishing;
  /** The single use of signed approval links (one per approver per approval round). */
  approvalLinkStore(): ApprovalLinkStore;
  messageSender(): MessageSender;
  /** The broker's dead-letter sub-queues (Service Bus, or the embedded queue's). */
  brokerDeadLetters(): BrokerDeadLetters;
  /** Who resubmitted or discarded which dead letter. */
  deadLetterActions(): DeadLetterActionLog;
  /** Makes the calls of runbook `http` steps. */
  stepExecutor(): HttpStepExecutor;
  /** Makes the calls of runbook Azure steps (Azure Resource Manager, as the app's identity). */
  azureStepExecutor(): AzureStepExecutor;
  /** Probes health checks (healthCheck steps, validation after failover). */
  healthProbe(): HealthProbe;
  /** Every DR readiness evaluation of every workload (docs/readiness.md). */
  readinessStore(): ReadinessStore;
  /** Evaluates, records and tells DR readiness (the timer, the approval gate, the API). */
  readinessEvaluator(): ReadinessEvaluator;
  /**
   * An app setting holding a secret a runbook refers to (`{ secret: NAME }`); in Azure, app settings
   * may be Key Vault references, which the platform resolves into the environment.
   */
  secret(name: string): string | undefined;
  /** The approval message templates (templates/messages), read and checked once. */
  messageTemplates(): MessageTemplates;
  /**
   * Where messages for `channel` go: SMTP or the Teams webhook when configured; otherwise the email
   * channel writes to the outbox under the data dir (and prints the links) and Teams is left out.
   */
  notificationChannel(channel: 'email' | 'teams'): NotificationChannel | undefined;
  /** Base of the links in messages: LIFEBOAT_PUBLIC_BASE_URL, else the host's own name. */
  publicBaseUrl(): string;
  /** Wall-clock time for functions and activities (never for orchestrators). */
  now(): Date;
  /**
   * Makes the stores ready at start-up (Cosmos DB: checks, or with a key creates, the database and
   * containers). A permanent problem (a container missing under managed identity) rejects; a transient one
   * only warns, because the first request tries again and GET /api/health reports it meanwhile.
   */
  prepareStores(warn?: (line: string) => void): Promise<void>;
  /** Releases connections (at app shutdown). */
  close(): Promise<void>;
}

let current: Container | undefined;

export function container(): Container {
  current ??= createContainer(loadConfig());
  return current;
}

/** Tests install their own wiring (typed fakes behind the ports). */
export function setContainer(replacement: Container | undefined): void {
  current = replacement;
}

/** `settings`: where runbook secrets are read from, the same app settings `config` was loaded from. */
export function createContainer(
  config: LifeboatConfig,
  settings: Readonly<Record<string, string | undefined>> = process.env,
  /** Where the outbox prints the links of what it holds; the console by default (npm start). */
  // eslint-disable-next-line no-console
  outboxLog: (line: string) => void = (line) => console.log(line),
): Container {
  // Under the Functions host in Azure, the local stand-ins would lose work: refuse to start on them.
  assertFitForAzure(config, settings);
  const made: {
    db?: EmbeddedDatabase;
    sender?: MessageSender;
    cosmos?: CosmosDatabase;
    publishing?: EventPublishing;
    deadLetters?: ServiceBusBrokerDeadLetters;
  } = {};
  const once = <T>(make: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: make() }).v;
  };
  const embeddedDb = once((): EmbeddedDatabase => (made.db = openEmbeddedDatabase(config.dataDir)));
  const store = config.store;
  const cosmosDb = once((): CosmosDatabase => {
    if (store.kind !== 'cosmos') throw new Error('Internal error: Cosmos DB is not the configured store');
    const client = createCosmosClient(store, () => azureCredential(store.identity));
    // With a key the app may create what is missing; data-plane RBAC (managed identity) cannot.
    return (made.cosmos = new CosmosDatabase(client, {
      databaseId: store.database,
      createMissing: store.connectionString !== undefined,
    }));
  });
  const embeddedStore = once(() => ({
    alerts: new EmbeddedAlertStore(embeddedDb()),
    correlation: new EmbeddedCorrelationStore(embeddedDb()),
    // A write that recorded events wakes the publisher (when this process runs one).
    incidents: new EmbeddedIncidentStore(embeddedDb(), {
      onEventsRecorded: () => made.publishing?.nudge(),
    }),
    eventOutbox: new EmbeddedIncidentEventOutbox(embeddedDb()),
    deadLetterActions: new EmbeddedDeadLetterActionLog(embeddedDb()),
    approvalLinks: new EmbeddedApprovalLinkStore(embeddedDb()),
    readiness: new EmbeddedReadinessStore(embeddedDb()),
  }));
  const stores = once(() =>
    store.kind === 'cosmos'
      ? {
          alerts: new CosmosAlertStore(cosmosDb()),
          correlation: new CosmosCorrelationStore(cosmosDb()),
          // A write that recorded events wakes the publisher (when this process runs one).
          incidents: new CosmosIncidentStore(cosmosDb(), {
            onEventsRecorded: () => made.publishing?.nudge(),
          }),
          eventOutbox: new CosmosIncidentEventOutbox(cosmosDb()),
          deadLetterActions: new CosmosDeadLetterActionLog(cosmosDb()),
          approvalLinks: new CosmosApprovalLinkStore(cosmosDb()),
          readiness: new CosmosReadinessStore(cosmosDb()),
        }
      : embeddedStore(),
  );
  const serviceBusConnection = (): ServiceBusConnection => {
    const bus = config.bus;
    if (bus.kind === 'embedded') throw new Error('No Service Bus connection is configured.');
    return bus.connectionString
      ? { connectionString: bus.connectionString.reveal() }
      : {
          fullyQualifiedNamespace: nonNullValue(
            bus.fullyQualifiedNamespace,
            'ServiceBusConnection__fullyQualifiedNamespace',
          ),
          credential: azureCredential(bus.identity),
        };
  };
  const serviceBusSender = once(
    (): ServiceBusMessageSender => (made.sender = new ServiceBusMessageSender(serviceBusConnection())),
  );
  // Work that runs outside any invocation (the publisher) logs to the console, which the host keeps.
  const consoleLog = consoleLogger();
  const healthChecks: HealthCheck[] = [];
  if (config.store.kind === 'embedded' || config.bus.kind === 'embedded') {
    healthChecks.push(new EmbeddedDatabaseHealthCheck(embeddedDb));
  }
  if (config.store.kind === 'cosmos') {
    healthChecks.push(new CosmosHealthCheck(cosmosDb));
  }
  if (config.bus.kind === 'servicebus') {
    healthChecks.push(new ServiceBusHealthCheck(serviceBusSender, ALERTS_QUEUE));
  }
  const wired: Container = {
    config,
    healthChecks,
    catalog: once(() => loadCatalog(config.catalogDir)),
    alertStore: () => stores().alerts,
    correlationStore: () => stores().correlation,
    incidentStore: () => stores().incidents,
    incidentEventOutbox: () => stores().eventOutbox,
    approvalLinkStore: () => stores().approvalLinks,
    messageSender: once((): MessageSender => {
      if (config.bus.kind === 'embedded') {
        const queue = new EmbeddedQueue(embeddedDb());
        // Locally the embedded queue holds the topic; its subscriptions are the app's topic triggers'.
        queue.declareTopic(INCIDENT_EVENTS_TOPIC);
        queue.declareTopic(WORKLOAD_EVENTS_TOPIC);
        return (made.sender = new EmbeddedMessageSender(queue));
      }
      return serviceBusSender();
    }),
    brokerDeadLetters: once((): BrokerDeadLetters => {
      if (config.bus.kind === 'embedded') {
        return new EmbeddedBrokerDeadLetters(new EmbeddedQueue(embeddedDb()));
      }
      return (made.deadLetters = new ServiceBusBrokerDeadLetters(serviceBusConnection()));
    }),
    deadLetterActions: () => stores().deadLetterActions,
    stepExecutor: once(() => new FetchHttpStepExecutor()),
    // The credential asks for a token only when a step runs: start-up needs no Azure sign-in.
    azureStepExecutor: once(() => new ArmStepExecutor({ credential: azureCredential(config.identity) })),
    healthProbe: once(() => new HttpHealthProbe()),
    readinessStore: () => stores().readiness,
    readinessEvaluator: once(
      () =>
        new ReadinessEvaluator({
          catalog: () => wired.catalog(),
          healthProbe: wired.healthProbe(),
          lagReader: new ReplicationLagReader(() => metricsQueryClient(azureCredential(config.identity))),
          hostResolver: new DnsHostResolver(),
          azureSteps: wired.azureStepExecutor(),
          incidents: wired.incidentStore(),
          readiness: wired.readinessStore(),
          secret: (name) => wired.secret(name),
          channels: {
            email: (config.smtpUrl !== undefined && config.mailFrom !== undefined) || !runsInAzure(settings),
            teams: config.teamsWebhookUrl !== undefined,
            enforced: runsInAzure(settings),
          },
          tell: (change) =>
            tellReadinessChange(
              {
                channel: (name) => wired.notificationChannel(name),
                templates: () => wired.messageTemplates(),
                sender: () => wired.messageSender(),
                publicBaseUrl: () => wired.publicBaseUrl(),
                log: consoleLog,
              },
              change,
            ),
          log: consoleLog,
        }),
    ),
    secret: (name) => settings[name] || undefined,
    // A catalog may bring its own message templates (catalog/templates/messages, every file of a kind
    // of message it replaces); otherwise, and for the kinds it has no files for, the shipped ones apply.
    messageTemplates: once(() => {
      const own = path.join(config.catalogDir, 'templates', 'messages');
      return existsSync(own) ? loadMessageTemplates(own, MESSAGE_TEMPLATES_DIR) : loadMessageTemplates();
    }),
    notificationChannel: (() => {
      const email = once((): NotificationChannel => {
        if (config.smtpUrl && config.mailFrom) {
          return new SmtpEmailChannel({ url: config.smtpUrl, from: config.mailFrom });
        }
        // Local use without SMTP: the message lands in the outbox and its links are printed to click.
        return new OutboxChannel({ dir: path.join(config.dataDir, 'outbox'), log: outboxLog });
      });
      const teams = once(() =>
        config.teamsWebhookUrl ? new TeamsWebhookChannel({ url: config.teamsWebhookUrl }) : undefined,
      );
      return (channel: 'email' | 'teams') => (channel === 'email' ? email() : teams());
    })(),
    // The host name belongs to the process (the host, or the local runtime once it listens), not to the
    // settings the configuration was read from.
    publicBaseUrl: () =>
      publicBaseUrl(config, { WEBSITE_HOSTNAME: settings.WEBSITE_HOSTNAME ?? process.env.WEBSITE_HOSTNAME }),
    now: () => new Date(),
    // App hooks have no invocation context to log through; the host captures the console as app logs.
    // eslint-disable-next-line no-console
    prepareStores: async (warn = (line) => console.warn(line)) => {
      stores();
      if (store.kind !== 'cosmos') return;
      try {
        await cosmosDb().containers();
      } catch (err) {
        if (isPermanentError(err)) throw err;
        warn(`warning: Cosmos DB is not ready yet (${errorMessage(err)}); requests will try again`);
      }
    },
    eventPublishing: () =>
      (made.publishing ??= new EventPublishing(
        new IncidentEventPublisher({
          outbox: stores().eventOutbox,
          sender: wired.messageSender(),
          now: () => new Date(),
          log: consoleLog,
        }),
        consoleLog,
      )),
    close: async () => {
      await made.publishing?.stop();
      await made.sender?.close();
      await made.deadLetters?.close();
      made.db?.close();
      made.cosmos?.client.dispose();
    },
  };
  return wired;
}
