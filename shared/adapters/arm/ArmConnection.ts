// How the Azure step executors reach Azure Resource Manager: the credential, the endpoint and the options
// every @azure/arm-* client is built with. Production: https://management.azure.com with the app's identity;
// tests point the same SDKs at the local ARM stand-in (test/standins/arm) with a test credential.
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import { AZURE_PUBLIC_CLOUD_ENDPOINT } from '../../domain/runbook/azure/azureStepTypes';

/** How often a long-running operation is polled when Azure sends no Retry-After (the SDKs' own default). */
export const DEFAULT_LRO_POLL_INTERVAL_MS = 2_000;

export interface ArmConnection {
  readonly credential: TokenCredential;
  /** The ARM endpoint (sovereign clouds, tests); default the public cloud's. */
  readonly endpoint?: string;
  /** The token audience; default the endpoint's `/.default`, the public cloud's for the stand-in. */
  readonly credentialScope?: string;
  /** Only for tests: trusts the stand-in's self-signed certificate. */
  readonly tlsOptions?: TlsSettings;
  readonly pollIntervalMs?: number;
}

/** The options every @azure/arm-* client of this generation takes (`$host` is what the URLs are built on). */
export function armClientOptions(connection: ArmConnection) {
  const endpoint = connection.endpoint ?? AZURE_PUBLIC_CLOUD_ENDPOINT;
  return {
    endpoint,
    $host: endpoint,
    credentialScopes: [connection.credentialScope ?? `${endpoint}/.default`],
    userAgentOptions: { userAgentPrefix: 'lifeboat' },
    ...(connection.tlsOptions ? { tlsOptions: connection.tlsOptions } : {}),
  };
}
