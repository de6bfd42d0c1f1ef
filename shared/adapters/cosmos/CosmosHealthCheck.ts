// Readiness of Cosmos DB: the app's database answers a metadata read.
import { errorMessage } from '../../errors';
import type { HealthCheck, HealthCheckResult } from '../../ports/HealthCheck';
import type { CosmosDatabase } from './CosmosDatabase';

export class CosmosHealthCheck implements HealthCheck {
  readonly name = 'cosmos-db';
  constructor(private readonly database: () => CosmosDatabase) {}

  async check(): Promise<HealthCheckResult> {
    try {
      await this.database().ping();
      return { name: this.name, ok: true };
    } catch (err) {
      return { name: this.name, ok: false, detail: errorMessage(err) };
    }
  }
}
