// Builds a Service Bus trigger invocation as the host does: the body plus triggerMetadata.
import type { ReceivedMessage } from '../../shared/adapters/sqlite/EmbeddedQueue';
import type { ServiceBusFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import { traceContextFromProperties } from '../host/traceContext';
import { triggerMetadataString } from '../host/triggerMetadataString';
import { toTypedData } from '../host/typedData';

export function serviceBusTriggerInput(
  fn: ServiceBusFunction,
  message: ReceivedMessage,
  extraInputs: InvocationRequest['inputData'],
): InvocationRequest {
  const metadata: InvocationRequest['triggerMetadata'] = {
    MessageId: triggerMetadataString(message.messageId),
    DeliveryCount: { int: message.deliveryCount },
    SequenceNumber: { int: message.sequenceNumber },
    EnqueuedTimeUtc: triggerMetadataString(new Date(message.enqueuedAt).toISOString()),
    LockedUntilUtc: triggerMetadataString(new Date(message.lockedUntil).toISOString()),
    LockToken: triggerMetadataString(message.lockToken),
    ContentType: triggerMetadataString('application/json'),
    ApplicationProperties: { json: JSON.stringify(message.applicationProperties) },
    UserProperties: { json: JSON.stringify(message.applicationProperties) },
  };
  if (message.correlationId !== undefined) {
    metadata.CorrelationId = triggerMetadataString(message.correlationId);
  }
  if (message.subject !== undefined) {
    metadata.Subject = triggerMetadataString(message.subject);
    metadata.Label = triggerMetadataString(message.subject);
  }
  // The host continues the sender's trace from the message's Diagnostic-Id.
  const traceContext = traceContextFromProperties(message.applicationProperties);
  return {
    inputData: [{ name: fn.triggerName, data: toTypedData(message.body) }, ...extraInputs],
    triggerMetadata: metadata,
    ...(traceContext ? { traceContext } : {}),
  };
}
