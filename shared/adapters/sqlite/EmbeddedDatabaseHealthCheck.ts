// Readiness of the embedded database: it answers a trivial query.
import type { HealthCheck, HealthCheckResult } from '../../ports/HealthCheck';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

export class EmbeddedDatabaseHealthCheck implements HealthCheck {
  readonly name = 'embedded-database';
  constructor(private readonly db: () => EmbeddedDatabase) {}

  check(): Promise<HealthCheckResult> {
    try {
      this.db().prepare('SELECT 1').get();
      return Promise.resolve({ name: this.name, ok: true });
    } catch (err) {
      return Promise.resolve({
        name: this.name,
        ok: false,
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
