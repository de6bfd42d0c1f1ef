// Builds a Service Bus trigger invocation from the embedded queue as the host does: the body plus
// triggerMetadata.
import type { ReceivedMessage } from '../../shared/adapters/sqlite/EmbeddedQueue';
import type { ServiceBusFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import { traceContextFromProperties } from '../host/traceContext';
import { toTypedData } from '../host/typedData';
import { serviceBusTriggerMetadata } from './serviceBusTriggerMetadata';

export function serviceBusTriggerInput(
  fn: ServiceBusFunction,
  message: ReceivedMessage,
  extraInputs: InvocationRequest['inputData'],
): InvocationRequest {
  // The host continues the sender's trace from the message's Diagnostic-Id.
  const traceContext = traceContextFromProperties(message.applicationProperties);
  return {
    inputData: [{ name: fn.triggerName, data: toTypedData(message.body) }, ...extraInputs],
    triggerMetadata: serviceBusTriggerMetadata({
      messageId: message.messageId,
      deliveryCount: message.deliveryCount,
      sequenceNumber: message.sequenceNumber,
      enqueuedAt: new Date(message.enqueuedAt),
      lockToken: message.lockToken,
      // The embedded queue carries JSON bodies only.
      contentType: message.contentType ?? 'application/json',
      ...(message.correlationId !== undefined ? { correlationId: message.correlationId } : {}),
      ...(message.subject !== undefined ? { subject: message.subject } : {}),
      applicationProperties: message.applicationProperties,
    }),
    ...(traceContext ? { traceContext } : {}),
  };
}
