// The credential every Azure SDK client of the app signs in with (Cosmos DB, Service Bus, Application
// Insights ingestion, ARM and Azure Monitor calls): the user-assigned managed identity in Azure, the developer's
// own sign-in elsewhere. One factory, so no adapter picks an identity of its own.
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { AzureIdentity } from './config';

/**
 * `managed-identity`: only the managed identity (the host's `…__credential=managedidentity`): in Azure a
 * chain that could fall through to another credential would hide a missing role assignment behind a
 * different principal. `default`: DefaultAzureCredential, with the user-assigned identity's client id when
 * one is configured.
 */
export function azureCredential(identity: AzureIdentity): TokenCredential {
  if (identity.kind === 'managed-identity') {
    return identity.clientId
      ? new ManagedIdentityCredential({ clientId: identity.clientId })
      : new ManagedIdentityCredential();
  }
  return identity.clientId
    ? new DefaultAzureCredential({ managedIdentityClientId: identity.clientId })
    : new DefaultAzureCredential();
}
