// The Azure Monitor lag source, unit-level on a typed fake of MetricsQueryClient.queryResource: the SDK
// refuses bearer tokens over plain HTTP (core-rest-pipeline's bearerTokenAuthenticationPolicy), so no
// local HTTP stand-in can take its place; what is pinned here is the query asked and how the answer is read.
import type { MetricsQueryOptions, MetricsQueryResult } from '@azure/monitor-query';
import {
  AzureMonitorLagReader,
  type MetricsQuery,
} from '../../../../../shared/adapters/azure/AzureMonitorLagReader';

const RESOURCE =
  '/subscriptions/0000/resourceGroups/rg-orders-weu/providers/Microsoft.DocumentDB/databaseAccounts/orders';

class FakeMetrics implements MetricsQuery {
  readonly calls: { resourceUri: string; metricNames: string[]; options?: MetricsQueryOptions }[] = [];
  constructor(private readonly answer: MetricsQueryResult | Error) {}
  queryResource(
    resourceUri: string,
    metricNames: string[],
    options?: MetricsQueryOptions,
  ): Promise<MetricsQueryResult> {
    this.calls.push({ resourceUri, metricNames, ...(options ? { options } : {}) });
    return this.answer instanceof Error ? Promise.reject(this.answer) : Promise.resolve(this.answer);
  }
}

function result(points: { timeStamp: Date; maximum?: number; average?: number }[]): MetricsQueryResult {
  return {
    timespan: { duration: 'PT15M' },
    metrics: [
      {
        id: 'm',
        name: 'ReplicationLatency',
        type: 'Microsoft.Insights/metrics',
        unit: 'MilliSeconds',
        timeseries: [{ data: points }],
      },
    ],
  } as unknown as MetricsQueryResult;
}

const source = {
  kind: 'azure-monitor' as const,
  resourceId: RESOURCE,
  metric: 'ReplicationLatency',
  aggregation: 'Maximum' as const,
  unit: 'milliseconds' as const,
};

it('asks for the metric and aggregation over the last 15 minutes and reads the newest point', async () => {
  const fake = new FakeMetrics(
    result([
      { timeStamp: new Date('2026-11-22T03:18:00.000Z'), maximum: 9000 },
      { timeStamp: new Date('2026-11-22T03:19:00.000Z'), maximum: 42000 },
      { timeStamp: new Date('2026-11-22T03:20:00.000Z') },
    ]),
  );
  expect(await new AzureMonitorLagReader(fake).read(source)).toEqual({
    ok: true,
    lagSeconds: 42,
    measuredAt: '2026-11-22T03:19:00.000Z',
  });
  expect(fake.calls).toEqual([
    {
      resourceUri: RESOURCE,
      metricNames: ['ReplicationLatency'],
      options: { aggregations: ['Maximum'], timespan: { duration: 'PT15M' }, granularity: 'PT1M' },
    },
  ]);
});

it('says when the metric has no value, and when the query fails', async () => {
  expect(await new AzureMonitorLagReader(new FakeMetrics(result([]))).read(source)).toEqual({
    ok: false,
    reason: expect.stringContaining('has no Maximum value'),
  });
  expect(
    await new AzureMonitorLagReader(new FakeMetrics(new Error('AuthorizationFailed'))).read(source),
  ).toEqual({
    ok: false,
    reason: expect.stringContaining('AuthorizationFailed'),
  });
});
