// The @azure/arm-* clients of one connection, made on first use per subscription and kept for the process.
import { CdnManagementClient } from '@azure/arm-cdn';
import { CosmosDBManagementClient } from '@azure/arm-cosmosdb';
import { WebSiteManagementClient } from '@azure/arm-appservice';
import { SiteRecoveryManagementClient } from '@azure/arm-recoveryservices-siterecovery';
import { SqlManagementClient } from '@azure/arm-sql';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { armClientOptions, type ArmConnection } from './ArmConnection';
import { ArmRequests } from './ArmRequests';

export class ArmClients {
  private readonly made = new Map<string, unknown>();
  private requestsClient: ArmRequests | undefined;

  constructor(readonly connection: ArmConnection) {}

  cosmos(subscriptionId: string): CosmosDBManagementClient {
    return this.once(
      'cosmos',
      subscriptionId,
      () => new CosmosDBManagementClient(this.connection.credential, subscriptionId, this.options()),
    );
  }

  sql(subscriptionId: string): SqlManagementClient {
    return this.once(
      'sql',
      subscriptionId,
      () => new SqlManagementClient(this.connection.credential, subscriptionId, this.options()),
    );
  }

  trafficManager(subscriptionId: string): TrafficManagerManagementClient {
    return this.once(
      'tm',
      subscriptionId,
      () => new TrafficManagerManagementClient(this.connection.credential, subscriptionId, this.options()),
    );
  }

  cdn(subscriptionId: string): CdnManagementClient {
    return this.once(
      'cdn',
      subscriptionId,
      () => new CdnManagementClient(this.connection.credential, subscriptionId, this.options()),
    );
  }

  web(subscriptionId: string): WebSiteManagementClient {
    return this.once(
      'web',
      subscriptionId,
      () => new WebSiteManagementClient(this.connection.credential, subscriptionId, this.options()),
    );
  }

  siteRecovery(subscriptionId: string): SiteRecoveryManagementClient {
    return this.once(
      'asr',
      subscriptionId,
      () => new SiteRecoveryManagementClient(this.connection.credential, subscriptionId, this.options()),
    );
  }

  requests(): ArmRequests {
    return (this.requestsClient ??= new ArmRequests(this.connection));
  }

  private options() {
    return armClientOptions(this.connection);
  }

  private once<T>(kind: string, subscriptionId: string, make: () => T): T {
    const key = `${kind}:${subscriptionId.toLowerCase()}`;
    let client = this.made.get(key) as T | undefined;
    if (client === undefined) {
      client = make();
      this.made.set(key, client);
    }
    return client;
  }
}
