// Maps the port's OutboundMessage to an SDK message with a JSON body.
import { type ServiceBusMessage } from '@azure/service-bus';
import { ensureErrorType, NonRetryableError } from '../../errors';
import { type OutboundMessage } from '../../ports/MessageSender';

export const JSON_CONTENT_TYPE = 'application/json';

export function toServiceBusMessage(message: OutboundMessage): ServiceBusMessage {
  const result: ServiceBusMessage = {
    messageId: message.messageId,
    body: encodeJsonBody(message),
    contentType: message.contentType ?? JSON_CONTENT_TYPE,
  };
  if (message.subject !== undefined) result.subject = message.subject;
  if (message.correlationId !== undefined) result.correlationId = message.correlationId;
  if (message.applicationProperties !== undefined) {
    result.applicationProperties = { ...message.applicationProperties };
  }
  return result;
}

/**
 * Serialised here rather than by the SDK so that every body, Buffers included, goes out as JSON
 * text and a body that cannot be serialised fails with the message id named.
 */
function encodeJsonBody(message: OutboundMessage): Buffer {
  let json: string | undefined;
  try {
    json = JSON.stringify(message.body);
  } catch (err) {
    throw new NonRetryableError(`The body of message "${message.messageId}" cannot be serialised as JSON.`, {
      cause: ensureErrorType(err),
    });
  }
  // JSON.stringify(undefined) is undefined; send JSON null, as the SDK does.
  return Buffer.from(json ?? 'null', 'utf8');
}
