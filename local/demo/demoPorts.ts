// Where the two-region demo app listens by default: the addresses the sample catalog
// (catalog/runbooks/orders-api-failover.yaml, catalog/workloads/orders-api.yaml) calls.

/** Loopback only: the demo has no real authentication and must not be reachable from the network. */
export const DEMO_HOST = '127.0.0.1';

/** The West Europe App Service stand-in: health, maintenance mode, orders. */
export const DEMO_PRIMARY_PORT = 7081;

/** The North Europe App Service stand-in: health. */
export const DEMO_SECONDARY_PORT = 7082;

/** The automation stand-in (Azure Automation webhooks / Logic Apps) plus the demo's control endpoints. */
export const DEMO_AUTOMATION_PORT = 7090;
