// Builds the Service Bus SDK client: identity-based (managed identity in Azure, the production
// default) or from a connection string (local tools and the test stand-in).
import { type TokenCredential } from '@azure/identity';
import { ServiceBusClient, type ServiceBusClientOptions } from '@azure/service-bus';
import { ensureErrorType, NonRetryableError } from '../../errors';

export type ServiceBusConnection =
  | {
      /** e.g. `lifeboat-prod.servicebus.windows.net`, from `…__fullyQualifiedNamespace`. */
      readonly fullyQualifiedNamespace: string;
      /** Usually a ManagedIdentityCredential; the identity needs the Data Sender role on the namespace. */
      readonly credential: TokenCredential;
    }
  | {
      /** Holds a key: never log it; it is handed to the SDK and not kept. */
      readonly connectionString: string;
    };

export function createServiceBusClient(
  connection: ServiceBusConnection,
  options?: ServiceBusClientOptions,
): ServiceBusClient {
  try {
    return 'connectionString' in connection
      ? new ServiceBusClient(connection.connectionString, options)
      : new ServiceBusClient(connection.fullyQualifiedNamespace, connection.credential, options);
  } catch (err) {
    // The SDK validates eagerly; its messages name the missing part, never the key.
    throw new NonRetryableError(`Invalid Service Bus connection settings: ${ensureErrorType(err).message}`, {
      cause: err,
    });
  }
}
