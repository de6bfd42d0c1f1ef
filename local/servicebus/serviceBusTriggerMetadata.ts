// The trigger metadata the Functions host gives a Service Bus trigger, built from whatever received the
// message (the embedded queue or an @azure/service-bus receiver). Names and types follow the Service Bus
// extension's binding data (v5): DeliveryCount counts this delivery (the .NET SDK adds one to the AMQP
// header, which the JS SDK shows as is), times are UTC ISO instants, the *Utc and Label / UserProperties
// names are the extension's back-compat aliases of EnqueuedTime, ExpiresAt, Subject and ApplicationProperties.
import type { RpcTypedData } from '../functionsCore/functionsCoreModule';
import { triggerMetadataString } from '../host/triggerMetadataString';

export interface TriggerMessageFacts {
  readonly messageId: string;
  /** Including this delivery: 1 the first time. */
  readonly deliveryCount: number;
  readonly sequenceNumber: number;
  readonly enqueuedAt: Date;
  readonly expiresAt?: Date;
  readonly lockToken: string;
  readonly contentType?: string;
  readonly correlationId?: string;
  readonly subject?: string;
  readonly to?: string;
  readonly replyTo?: string;
  readonly sessionId?: string;
  readonly replyToSessionId?: string;
  readonly partitionKey?: string;
  readonly deadLetterSource?: string;
  readonly applicationProperties: Readonly<Record<string, unknown>>;
}

/** Absent values are left out, as the host leaves out the binding data it has no value for. */
export function serviceBusTriggerMetadata(facts: TriggerMessageFacts): Record<string, RpcTypedData> {
  const metadata: Record<string, RpcTypedData> = {
    MessageId: triggerMetadataString(facts.messageId),
    DeliveryCount: { int: facts.deliveryCount },
    SequenceNumber: { int: facts.sequenceNumber },
    EnqueuedTime: triggerMetadataString(facts.enqueuedAt.toISOString()),
    EnqueuedTimeUtc: triggerMetadataString(facts.enqueuedAt.toISOString()),
    LockToken: triggerMetadataString(facts.lockToken),
    ApplicationProperties: { json: JSON.stringify(facts.applicationProperties) },
    UserProperties: { json: JSON.stringify(facts.applicationProperties) },
  };
  if (facts.expiresAt !== undefined) {
    metadata.ExpiresAt = triggerMetadataString(facts.expiresAt.toISOString());
    metadata.ExpiresAtUtc = triggerMetadataString(facts.expiresAt.toISOString());
  }
  const optional: [string, string | undefined][] = [
    ['ContentType', facts.contentType],
    ['CorrelationId', facts.correlationId],
    ['Subject', facts.subject],
    ['Label', facts.subject],
    ['To', facts.to],
    ['ReplyTo', facts.replyTo],
    ['SessionId', facts.sessionId],
    ['ReplyToSessionId', facts.replyToSessionId],
    ['PartitionKey', facts.partitionKey],
    ['DeadLetterSource', facts.deadLetterSource],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined) metadata[name] = triggerMetadataString(value);
  }
  return metadata;
}
