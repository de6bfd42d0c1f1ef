// The one place that wires adapters to ports, once per process and lazily.
import { loadConfig, type LifeboatConfig } from './config';
import { EmbeddedDatabaseHealthCheck } from './adapters/sqlite/EmbeddedDatabaseHealthCheck';
import { openEmbeddedDatabase, type EmbeddedDatabase } from './adapters/sqlite/openEmbeddedDatabase';
import type { HealthCheck } from './ports/HealthCheck';

export interface Container {
  readonly config: LifeboatConfig;
  readonly healthChecks: readonly HealthCheck[];
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

export function createContainer(config: LifeboatConfig): Container {
  let db: EmbeddedDatabase | undefined;
  const embeddedDb = () => (db ??= openEmbeddedDatabase(config.dataDir));
  const healthChecks: HealthCheck[] = [];
  if (config.store.kind === 'embedded' || config.bus.kind === 'embedded') {
    healthChecks.push(new EmbeddedDatabaseHealthCheck(embeddedDb));
  }
  return { config, healthChecks };
}
