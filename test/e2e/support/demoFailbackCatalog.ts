// The orders-api round trip against the two-region demo app, as the failback and rollback tests run it: the
// failover steps of demoFailoverCatalog.ts, each effect with the `rollback:` that undoes it, and a failback
// runbook that moves the write region and traffic back to West Europe once the primary is ready again.
import type { RunningDemoApp } from '../../../local/demo/TwoRegionDemoApp';
import { writeRunbookCatalog, type ScenarioWorkload } from './runbookCatalog';

const AUTH = { Authorization: { secret: 'LIFEBOAT_DEMO_AUTOMATION_TOKEN' } };

export function demoFailoverSteps(demo: RunningDemoApp, options: { manualSignOff?: boolean } = {}) {
  return [
    {
      id: 'freeze-writes',
      name: 'Put the primary in maintenance mode',
      type: 'http',
      request: { url: `${demo.urls.primary}/admin/maintenance`, body: { enabled: true, reason: 'DR' } },
      retry: 'none',
      onFailure: 'continue',
      rollback: {
        id: 'unfreeze-writes',
        name: 'Take the primary out of maintenance',
        type: 'http',
        request: { url: `${demo.urls.primary}/admin/maintenance`, body: { enabled: false } },
      },
    },
    {
      id: 'failover-cosmos',
      name: 'Fail over the Cosmos DB write region',
      type: 'http',
      request: {
        url: `${demo.urls.automation}/cosmos/failover`,
        headers: AUTH,
        body: { account: 'cosmos-orders', writeRegion: 'northeurope' },
        expectStatus: [200, 202],
      },
      rollback: {
        id: 'restore-cosmos',
        name: 'Move the Cosmos DB write region back',
        type: 'http',
        request: {
          url: `${demo.urls.automation}/cosmos/failover`,
          headers: AUTH,
          body: { account: 'cosmos-orders', writeRegion: 'westeurope' },
          expectStatus: [200, 202],
        },
      },
    },
    { id: 'wait-for-replication', name: 'Let replication settle', type: 'wait', duration: '30s' },
    {
      id: 'switch-traffic',
      name: 'Switch traffic to North Europe',
      type: 'http',
      request: { url: `${demo.urls.automation}/traffic/switch`, body: { to: 'northeurope' } },
      rollback: {
        id: 'restore-traffic',
        name: 'Switch traffic back to West Europe',
        type: 'http',
        request: { url: `${demo.urls.automation}/traffic/switch`, body: { to: 'westeurope' } },
      },
    },
    ...(options.manualSignOff
      ? [
          {
            id: 'smoke-test',
            name: 'Confirm customer-facing smoke test',
            type: 'manual',
            instructions: 'Place and cancel a test order.',
            timeout: '30m',
          },
        ]
      : [
          {
            id: 'validate-secondary',
            name: 'Secondary serves orders',
            type: 'healthCheck',
            target: 'secondary',
            consecutivePasses: 2,
            interval: '10s',
            deadline: '2m',
          },
        ]),
  ];
}

export function demoFailbackSteps(demo: RunningDemoApp) {
  return [
    {
      id: 'unfreeze-primary',
      name: 'Take the primary out of maintenance',
      type: 'http',
      request: { url: `${demo.urls.primary}/admin/maintenance`, body: { enabled: false } },
    },
    {
      id: 'failback-cosmos',
      name: 'Move the Cosmos DB write region back to West Europe',
      type: 'http',
      request: {
        url: `${demo.urls.automation}/cosmos/failover`,
        headers: AUTH,
        body: { account: 'cosmos-orders', writeRegion: 'westeurope' },
        expectStatus: [200, 202],
      },
    },
    { id: 'wait-for-replication', name: 'Let replication settle', type: 'wait', duration: '10s' },
    {
      id: 'switch-traffic',
      name: 'Switch traffic back to West Europe',
      type: 'http',
      request: { url: `${demo.urls.automation}/traffic/switch`, body: { to: 'westeurope' } },
    },
    {
      id: 'primary-serves-orders',
      name: 'Primary serves orders',
      type: 'healthCheck',
      probe: { url: `${demo.urls.primary}/orders` },
      consecutivePasses: 1,
      deadline: '1m',
    },
  ];
}

/** orders-api as tier 0 (its failover approval auto-activates on timeout) with a failback runbook. */
export function writeDemoRoundTripCatalog(
  demo: RunningDemoApp,
  more: readonly ScenarioWorkload[] = [],
): string {
  return writeRunbookCatalog([
    {
      id: 'orders-api',
      tier: 0,
      primaryChecks: [{ name: 'orders-api', url: `${demo.urls.primary}/health`, consecutivePasses: 2 }],
      secondaryChecks: [{ name: 'orders-api', url: `${demo.urls.secondary}/health`, consecutivePasses: 2 }],
      steps: demoFailoverSteps(demo),
      failbackSteps: demoFailbackSteps(demo),
      extra: {
        failback: { readiness: { consecutivePasses: 2, interval: '10s', deadline: '10m' } },
        // North Europe's /health answers 503 while it stands by; /ready says it could take over, so the
        // tier's auto-activation is not held back by the readiness guard rail.
        readiness: {
          healthChecks: { secondary: [{ name: 'orders-api-standby', url: `${demo.urls.secondary}/ready` }] },
        },
      },
    },
    ...more,
  ]);
}
