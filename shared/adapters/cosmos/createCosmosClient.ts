// The Cosmos DB client from Lifeboat's settings: managed identity on the account endpoint (production) or
// a key from a connection string (local use, the stand-in), with retry options chosen on purpose.
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { ValidationError } from '../../errors';
import type { Secret } from '../../Secret';

/**
 * 429s: the SDK waits as long as the service's retry-after says, up to this many times and this long in
 * all; past that the port sees a TransientError and the caller's own retry policy (Durable, the queue's
 * redelivery) takes over, instead of one invocation waiting out a throttled account.
 */
export const COSMOS_THROTTLE_RETRIES = { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 15 } as const;

export interface CosmosConnection {
  readonly endpoint?: string;
  readonly connectionString?: Secret;
}

/** `credential` is used with `endpoint` only (DefaultAzureCredential in production). */
export function createCosmosClient(
  connection: CosmosConnection,
  credential?: () => TokenCredential,
): CosmosClient {
  const common: Omit<CosmosClientOptions, 'endpoint'> = {};
  if (connection.connectionString !== undefined) {
    const { endpoint, key } = parseConnectionString(connection.connectionString.reveal());
    return new CosmosClient({ ...common, endpoint, key, connectionPolicy: connectionPolicyFor(endpoint) });
  }
  if (connection.endpoint === undefined || credential === undefined) {
    throw new ValidationError(
      'Cosmos DB needs LIFEBOAT_COSMOS__accountEndpoint (managed identity) or LIFEBOAT_COSMOS_CONNECTION_STRING',
    );
  }
  return new CosmosClient({
    ...common,
    endpoint: connection.endpoint,
    aadCredentials: credential(),
    connectionPolicy: connectionPolicyFor(connection.endpoint),
  });
}

/**
 * Endpoint discovery reads the account's regions; only local stand-ins and emulators serve plain HTTP, and
 * they have no regions to discover (the SDK would fail on the addresses they report).
 */
function connectionPolicyFor(endpoint: string): CosmosClientOptions['connectionPolicy'] {
  return {
    retryOptions: { ...COSMOS_THROTTLE_RETRIES, fixedRetryIntervalInMilliseconds: 0 },
    ...(new URL(endpoint).protocol === 'http:' ? { enableEndpointDiscovery: false } : {}),
  };
}

/** `AccountEndpoint=https://…;AccountKey=…;` (the portal's format). Never echoes the key. */
export function parseConnectionString(value: string): { endpoint: string; key: string } {
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const endpoint = parts.get('accountendpoint');
  const key = parts.get('accountkey');
  const issues = [
    ...(endpoint && URL.canParse(endpoint)
      ? []
      : [{ path: 'AccountEndpoint', message: 'an absolute URL is required' }]),
    ...(key ? [] : [{ path: 'AccountKey', message: 'required' }]),
  ];
  if (endpoint === undefined || key === undefined || issues.length > 0) {
    throw new ValidationError(
      `LIFEBOAT_COSMOS_CONNECTION_STRING is not a Cosmos DB connection string (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`,
      issues.map((i) => ({ path: `LIFEBOAT_COSMOS_CONNECTION_STRING.${i.path}`, message: i.message })),
    );
  }
  return { endpoint, key };
}
