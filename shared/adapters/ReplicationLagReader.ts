// LagReader over both kinds of replication source: HTTP JSON endpoints and Azure Monitor metrics. The
// Monitor client is made on first use, so a catalog without Monitor sources never signs in to Azure.
import type { LagSource } from '../domain/catalog/replicationSchema';
import type { LagReader, LagReading } from '../ports/LagReader';
import { AzureMonitorLagReader, type MetricsQuery } from './azure/AzureMonitorLagReader';
import { readHttpLag } from './http/HttpJsonLagReader';

export class ReplicationLagReader implements LagReader {
  private monitor: AzureMonitorLagReader | undefined;

  constructor(private readonly metrics: () => MetricsQuery) {}

  read(source: LagSource, now: Date): Promise<LagReading> {
    if (source.kind === 'http') return readHttpLag(source, now);
    this.monitor ??= new AzureMonitorLagReader(this.metrics());
    return this.monitor.read(source);
  }
}
