// Builds a Service Bus trigger invocation as the host does: the body plus triggerMetadata.
import type { ReceivedMessage } from '../../shared/adapters/sqlite/EmbeddedQueue';
import type { ServiceBusFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import { toTypedData } from '../host/typedData';

export function serviceBusTriggerInput(
  fn: ServiceBusFunction,
  message: ReceivedMessage,
  extraInputs: InvocationRequest['inputData'],
): InvocationRequest {
  const metadata: InvocationRequest['triggerMetadata'] = {
    MessageId: { string: message.messageId },
    DeliveryCount: { int: message.deliveryCount },
    SequenceNumber: { int: message.sequenceNumber },
    EnqueuedTimeUtc: { string: new Date(message.enqueuedAt).toISOString() },
    LockedUntilUtc: { string: new Date(message.lockedUntil).toISOString() },
    LockToken: { string: message.lockToken },
    ContentType: { string: 'application/json' },
    ApplicationProperties: { json: JSON.stringify(message.applicationProperties) },
    UserProperties: { json: JSON.stringify(message.applicationProperties) },
  };
  if (message.correlationId !== undefined) {
    metadata.CorrelationId = { string: message.correlationId };
  }
  if (message.subject !== undefined) {
    metadata.Subject = { string: message.subject };
    metadata.Label = { string: message.subject };
  }
  return {
    inputData: [{ name: fn.triggerName, data: toTypedData(message.body) }, ...extraInputs],
    triggerMetadata: metadata,
  };
}
