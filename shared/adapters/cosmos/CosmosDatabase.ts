// The app's Cosmos DB database and its containers, made ready once per process: with a key, what is missing
// is created; with managed identity (data-plane RBAC cannot create databases or containers) each must exist,
// and a missing one fails with a message naming it and what to grant.
import type { Container, CosmosClient } from '@azure/cosmos';
import { NonRetryableError } from '../../errors';
import { COSMOS_CONTAINERS, type CosmosContainerName } from './cosmosContainers';
import { cosmosStatus, mapCosmosError } from './cosmosErrors';

export interface CosmosDatabaseOptions {
  readonly databaseId: string;
  /** True with a key (connection string): create the database and containers that do not exist. */
  readonly createMissing: boolean;
}

export class CosmosDatabase {
  private ready: Promise<Record<CosmosContainerName, Container>> | undefined;

  constructor(
    readonly client: CosmosClient,
    private readonly options: CosmosDatabaseOptions,
  ) {}

  get databaseId(): string {
    return this.options.databaseId;
  }

  async container(name: CosmosContainerName): Promise<Container> {
    return (await this.containers())[name];
  }

  /** Every container, checked or created on first use; a failed attempt is tried again by the next call. */
  containers(): Promise<Record<CosmosContainerName, Container>> {
    this.ready ??= this.prepare().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /** Readiness: the database answers a metadata read. */
  async ping(): Promise<void> {
    try {
      await this.client.database(this.options.databaseId).read();
    } catch (err) {
      throw mapCosmosError(err, 'database read');
    }
  }

  private async prepare(): Promise<Record<CosmosContainerName, Container>> {
    const { databaseId, createMissing } = this.options;
    const names = Object.keys(COSMOS_CONTAINERS) as CosmosContainerName[];
    try {
      if (createMissing) {
        const { database } = await this.client.databases.createIfNotExists({ id: databaseId });
        const made = await Promise.all(
          names.map(
            async (name) => (await database.containers.createIfNotExists(COSMOS_CONTAINERS[name])).container,
          ),
        );
        return Object.fromEntries(names.map((name, i) => [name, made[i]])) as Record<
          CosmosContainerName,
          Container
        >;
      }
      const database = this.client.database(databaseId);
      const found = await Promise.all(
        names.map(async (name) => {
          const container = database.container(COSMOS_CONTAINERS[name].id);
          try {
            await container.read();
          } catch (err) {
            if (cosmosStatus(err) === 404) {
              throw new NonRetryableError(
                `Cosmos DB container ${databaseId}/${COSMOS_CONTAINERS[name].id} does not exist. With managed identity ` +
                  'Lifeboat cannot create it: create the database and its containers as docs/cosmos-data-model.md ' +
                  'lists them (Bicep/ARM), and grant the app the Cosmos DB Built-in Data Contributor role.',
              );
            }
            throw err;
          }
          return container;
        }),
      );
      return Object.fromEntries(names.map((name, i) => [name, found[i]])) as Record<
        CosmosContainerName,
        Container
      >;
    } catch (err) {
      throw err instanceof NonRetryableError
        ? err
        : mapCosmosError(err, 'start-up (database and containers)');
    }
  }
}
