// Reads a Service Bus trigger's `connection` app setting the way the Functions host does: the setting
// itself holds a connection string, or `<setting>__fullyQualifiedNamespace` names the namespace for an
// identity-based connection.
import { DefaultAzureCredential } from '@azure/identity';
import type { ServiceBusConnection } from '../../shared/adapters/servicebus/createServiceBusClient';

/** Undefined when neither is set: the local runtime then feeds the trigger from its embedded queue. */
export function resolveServiceBusConnection(
  settingName: string,
  settings: Readonly<Record<string, string | undefined>>,
): ServiceBusConnection | undefined {
  const namespace = settings[`${settingName}__fullyQualifiedNamespace`]?.trim();
  if (namespace) {
    return { fullyQualifiedNamespace: namespace, credential: new DefaultAzureCredential() };
  }
  const connectionString = settings[settingName]?.trim();
  return connectionString ? { connectionString } : undefined;
}
