// The containers Lifeboat keeps its state in, with their partition keys, indexes and retention
// (docs/cosmos-data-model.md explains each choice). Created from this list with a key; with managed
// identity they must exist already (data-plane RBAC cannot create them).
import type { ContainerDefinition } from '@azure/cosmos';

const DAY_SECONDS = 24 * 60 * 60;

/** How long received alerts and dead letters are kept (Cosmos DB deletes them by TTL). */
export const ALERT_RETENTION_SECONDS = 90 * DAY_SECONDS;

export const COSMOS_CONTAINERS = {
  /**
   * An incident's head, step items, runbook plan chunks, timeline entries and outbox events, all in its own
   * partition.
   */
  incidents: {
    id: 'incidents',
    partitionKey: { paths: ['/incidentId'] },
    indexingPolicy: {
      compositeIndexes: [
        [
          { path: '/detectedAt', order: 'descending' },
          { path: '/incidentId', order: 'descending' },
        ],
        [
          { path: '/at', order: 'ascending' },
          { path: '/seq', order: 'ascending' },
        ],
        // The service serves the reverse order from the index above; the stand-in needs an exact match
        // (docs/cosmos-data-model.md, "The stand-in"). The extra index costs a little on each entry's write.
        [
          { path: '/at', order: 'descending' },
          { path: '/seq', order: 'descending' },
        ],
        // The outbox's record order (cosmosEventItems.ts), ties broken by event id.
        [
          { path: '/order', order: 'ascending' },
          { path: '/eventId', order: 'ascending' },
        ],
      ],
      // Bodies are read, never filtered on: indexing them would only cost RUs on every write.
      excludedPaths: [
        { path: '/incident/*' },
        { path: '/step/*' },
        { path: '/steps/*' },
        { path: '/entry/*' },
        { path: '/event/*' },
        { path: '/pending/*' },
      ],
    },
  },
  /** Per workload: the commit-point head, its correlation windows and the alert notifications routed to it. */
  correlation: {
    id: 'correlation',
    partitionKey: { paths: ['/workloadId'] },
    indexingPolicy: {
      excludedPaths: [{ path: '/alert/*' }, { path: '/pending/*' }],
    },
  },
  /** Every alert accepted, one partition each (writes spread evenly; listings are cross-partition). */
  alerts: {
    id: 'alerts',
    partitionKey: { paths: ['/id'] },
    defaultTtl: ALERT_RETENTION_SECONDS,
    indexingPolicy: {
      compositeIndexes: [
        [
          { path: '/receivedAt', order: 'descending' },
          { path: '/alertId', order: 'descending' },
        ],
      ],
      excludedPaths: [{ path: '/alert/*' }],
    },
  },
  /** Queue messages that could not be processed, per queue or topic. */
  deadLetters: {
    id: 'deadLetters',
    partitionKey: { paths: ['/entity'] },
    defaultTtl: ALERT_RETENTION_SECONDS,
    indexingPolicy: {
      compositeIndexes: [
        [
          { path: '/deadLetteredAt', order: 'descending' },
          { path: '/messageId', order: 'descending' },
        ],
      ],
      excludedPaths: [{ path: '/body/?' }, { path: '/details/*' }],
    },
  },
  /** Who resubmitted or discarded which dead letter: an audit trail, kept after the dead letters expire. */
  deadLetterActions: {
    id: 'deadLetterActions',
    partitionKey: { paths: ['/id'] },
    indexingPolicy: {
      compositeIndexes: [
        [
          { path: '/at', order: 'descending' },
          { path: '/id', order: 'descending' },
        ],
      ],
      excludedPaths: [{ path: '/action/*' }],
    },
  },
  /** One item per approver per approval round; its id is what makes a link's use single. */
  approvalLinks: {
    id: 'approvalLinks',
    partitionKey: { paths: ['/incidentId'] },
  },
  /** Per workload: every DR readiness evaluation and the `latest` head (docs/readiness.md). */
  readiness: {
    id: 'readiness',
    partitionKey: { paths: ['/workloadId'] },
    indexingPolicy: {
      // The checks and reasons are read, never filtered on.
      excludedPaths: [{ path: '/result/*' }],
    },
  },
} as const satisfies Record<string, ContainerDefinition>;

export type CosmosContainerName = keyof typeof COSMOS_CONTAINERS;
