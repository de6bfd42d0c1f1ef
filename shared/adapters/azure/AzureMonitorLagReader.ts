// The lag of an `azureMonitor` replication source: the latest value of a resource's metric, through
// @azure/monitor-query's MetricsQueryClient (ARM, signed in as the app's identity, which needs Monitoring
// Reader on the resource). A read, never a change.
import { MetricsQueryClient, type MetricsQueryOptions, type MetricsQueryResult } from '@azure/monitor-query';
import type { TokenCredential } from '@azure/identity';
import type { LagSource } from '../../domain/catalog/replicationSchema';
import { errorMessage } from '../../errors';
import type { LagReading } from '../../ports/LagReader';

/** What this reader needs of MetricsQueryClient (tests give a typed fake of it). */
export type MetricsQuery = Pick<MetricsQueryClient, 'queryResource'>;

/** How far back the latest point is looked for: metrics arrive a few minutes late. */
export const METRIC_LOOKBACK = 'PT15M';
export const METRIC_GRANULARITY = 'PT1M';

type AzureMonitorSource = Extract<LagSource, { kind: 'azure-monitor' }>;
type AggregationField = 'average' | 'maximum' | 'minimum' | 'total' | 'count';

export function metricsQueryClient(credential: TokenCredential): MetricsQuery {
  return new MetricsQueryClient(credential);
}

export class AzureMonitorLagReader {
  constructor(private readonly metrics: MetricsQuery) {}

  async read(source: AzureMonitorSource): Promise<LagReading> {
    const what = `metric ${source.metric} of ${source.resourceId}`;
    let result: MetricsQueryResult;
    try {
      const options: MetricsQueryOptions = {
        aggregations: [source.aggregation],
        timespan: { duration: METRIC_LOOKBACK },
        granularity: METRIC_GRANULARITY,
        ...(source.namespace ? { metricNamespace: source.namespace } : {}),
      };
      result = await this.metrics.queryResource(source.resourceId, [source.metric], options);
    } catch (err) {
      return { ok: false, reason: `${what} could not be read: ${errorMessage(err)}` };
    }
    const field = source.aggregation.toLowerCase() as AggregationField;
    let latest: { at: Date; value: number } | undefined;
    for (const metric of result.metrics) {
      for (const series of metric.timeseries) {
        for (const point of series.data ?? []) {
          const value = point[field];
          if (typeof value === 'number' && (latest === undefined || point.timeStamp > latest.at)) {
            latest = { at: point.timeStamp, value };
          }
        }
      }
    }
    if (latest === undefined) {
      return { ok: false, reason: `${what} has no ${source.aggregation} value in the last 15 minutes` };
    }
    return {
      ok: true,
      lagSeconds: Math.max(0, source.unit === 'milliseconds' ? latest.value / 1000 : latest.value),
      measuredAt: latest.at.toISOString(),
    };
  }
}
