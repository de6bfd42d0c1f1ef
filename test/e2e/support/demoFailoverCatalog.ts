// The orders-api failover against the two-region demo app, as whole-activation tests run it: freeze writes
// (continues on failure), fail the Cosmos DB write region over, let replication settle, switch traffic, and
// prove the secondary serves orders; validation asks two passes of the secondary.
import type { RunningDemoApp } from '../../../local/demo/TwoRegionDemoApp';
import { writeRunbookCatalog } from './runbookCatalog';

export function writeDemoFailoverCatalog(demo: RunningDemoApp): string {
  return writeRunbookCatalog([
    {
      id: 'orders-api',
      match: { resourceGroups: ['rg-orders-*'] },
      secondaryChecks: [{ name: 'orders-api', url: `${demo.urls.secondary}/health`, consecutivePasses: 2 }],
      steps: [
        {
          id: 'freeze-writes',
          name: 'Put the primary in maintenance mode',
          type: 'http',
          request: { url: `${demo.urls.primary}/admin/maintenance`, body: { enabled: true, reason: 'DR' } },
          retry: 'none',
          onFailure: 'continue',
        },
        {
          id: 'failover-cosmos',
          name: 'Fail over the Cosmos DB write region',
          type: 'http',
          request: {
            url: `${demo.urls.automation}/cosmos/failover`,
            headers: { Authorization: { secret: 'LIFEBOAT_DEMO_AUTOMATION_TOKEN' } },
            body: { account: 'cosmos-orders', writeRegion: 'northeurope' },
            expectStatus: [200, 202],
          },
        },
        { id: 'wait-for-replication', name: 'Let replication settle', type: 'wait', duration: '30s' },
        {
          id: 'switch-traffic',
          name: 'Switch traffic to North Europe',
          type: 'http',
          request: { url: `${demo.urls.automation}/traffic/switch`, body: { to: 'northeurope' } },
        },
        {
          id: 'validate-secondary',
          name: 'Secondary serves orders',
          type: 'healthCheck',
          target: 'secondary',
          consecutivePasses: 2,
          interval: '10s',
          deadline: '2m',
        },
      ],
    },
  ]);
}
