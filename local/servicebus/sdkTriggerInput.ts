// Builds a Service Bus trigger invocation from a message an @azure/service-bus receiver got, as the host
// builds it from the message its own receiver got.
import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import type { ServiceBusFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import { traceContextFromProperties } from '../host/traceContext';
import { toTypedData } from '../host/typedData';
import { serviceBusTriggerMetadata } from './serviceBusTriggerMetadata';

export function sdkTriggerInput(
  fn: ServiceBusFunction,
  message: ServiceBusReceivedMessage,
  extraInputs: InvocationRequest['inputData'],
): InvocationRequest {
  // The host continues the sender's trace from the message's Diagnostic-Id.
  const traceContext = traceContextFromProperties(message.applicationProperties ?? {});
  return {
    inputData: [{ name: fn.triggerName, data: bodyData(message.body) }, ...extraInputs],
    triggerMetadata: serviceBusTriggerMetadata({
      messageId: idText(message.messageId),
      // The JS SDK shows the AMQP header (0 the first time); the host's .NET SDK adds one.
      deliveryCount: (message.deliveryCount ?? 0) + 1,
      sequenceNumber: message.sequenceNumber?.toNumber() ?? 0,
      enqueuedAt: message.enqueuedTimeUtc ?? new Date(0),
      ...(message.expiresAtUtc !== undefined ? { expiresAt: message.expiresAtUtc } : {}),
      lockToken: message.lockToken ?? '',
      ...defined('contentType', message.contentType),
      ...defined(
        'correlationId',
        message.correlationId === undefined ? undefined : idText(message.correlationId),
      ),
      ...defined('subject', message.subject),
      ...defined('to', message.to),
      ...defined('replyTo', message.replyTo),
      ...defined('sessionId', message.sessionId),
      ...defined('replyToSessionId', message.replyToSessionId),
      ...defined('partitionKey', message.partitionKey),
      ...defined('deadLetterSource', message.deadLetterSource),
      applicationProperties: message.applicationProperties ?? {},
    }),
    ...(traceContext ? { traceContext } : {}),
  };
}

/**
 * The host hands a Node function the body as a UTF-8 string (which the programming model parses when it is
 * JSON); a body the sender gave as an AMQP value (not bytes) arrives as that value.
 */
function bodyData(body: unknown): InvocationRequest['inputData'][number]['data'] {
  if (Buffer.isBuffer(body)) return { string: body.toString('utf8') };
  if (body instanceof Uint8Array) return { string: Buffer.from(body).toString('utf8') };
  return toTypedData(body);
}

function idText(id: unknown): string {
  if (Buffer.isBuffer(id)) return id.toString('hex');
  return typeof id === 'string' ? id : JSON.stringify(id);
}

function defined<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
