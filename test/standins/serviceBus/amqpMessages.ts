// Message shapes on the wire: unpacking the SDK's batches, adding the broker annotations receivers
// read (sequence number, enqueued time, lock expiry, state), and a readable view for tests.
import rhea, { type Message } from 'rhea';
import { type MessageState, type StoredMessage } from './MessageStore';

/** Message format of an SDK batch: one envelope whose data sections are each an encoded message. */
export const BATCH_MESSAGE_FORMAT = 0x80013700;
const DATA_SECTION = 0x75;
const SEQUENCE_SECTION = 0x76;

const STATE_CODES: Record<MessageState, number> = { active: 0, deferred: 1, scheduled: 2 };

/** rhea's representation of data and sequence body sections (the typings call it `any`). */
interface BodySection {
  readonly typecode: number;
  readonly content: unknown;
  readonly multiple?: boolean;
}

function isBodySection(body: unknown): body is BodySection {
  return typeof body === 'object' && body !== null && 'typecode' in body && 'content' in body;
}

/** rhea types the result of `decode` apart from the `Message` it sends; at runtime they are the same. */
export function decodeMessage(bytes: Buffer): Message {
  return rhea.message.decode(bytes) as unknown as Message;
}

export function unpackBatch(envelope: Buffer): Message[] {
  const body: unknown = decodeMessage(envelope).body;
  if (!isBodySection(body) || body.typecode !== DATA_SECTION) {
    throw new Error('A batched message must carry data sections.');
  }
  const sections = body.multiple === true && Array.isArray(body.content) ? body.content : [body.content];
  return sections.map((section) => {
    if (!Buffer.isBuffer(section)) {
      throw new Error('A batched message section is not binary.');
    }
    return decodeMessage(section);
  });
}

/** The message as a receiver gets it: the sender's sections plus what the broker adds. */
export function toWireMessage(message: StoredMessage): Message {
  const annotations: Record<string, unknown> = {
    ...message.amqp.message_annotations,
    'x-opt-sequence-number': rhea.types.wrap_long(message.sequenceNumber),
    'x-opt-enqueued-time': rhea.types.wrap_timestamp(message.enqueuedAtMs),
    'x-opt-message-state': rhea.types.wrap_int(STATE_CODES[message.state]),
  };
  if (message.lock) {
    annotations['x-opt-locked-until'] = rhea.types.wrap_timestamp(message.lock.lockedUntilMs);
  }
  return {
    ...message.amqp,
    delivery_count: message.deliveryCount,
    first_acquirer: message.deliveryCount === 0,
    message_annotations: annotations,
  };
}

export function encodeWireMessage(message: StoredMessage): Buffer {
  return rhea.message.encode(toWireMessage(message));
}

/** What tests see through `peekAll` / `deadLetters`. */
export interface InspectedMessage {
  readonly sequenceNumber: number;
  readonly messageId: string | undefined;
  /** JSON bodies parsed; other data bodies as Buffers; AMQP value bodies as they are. */
  readonly body: unknown;
  readonly contentType: string | undefined;
  readonly subject: string | undefined;
  readonly correlationId: string | undefined;
  readonly applicationProperties: Readonly<Record<string, unknown>>;
  readonly deliveryCount: number;
  readonly state: MessageState;
  readonly locked: boolean;
  readonly enqueuedAt: Date;
  readonly deadLetterReason: string | undefined;
  readonly deadLetterErrorDescription: string | undefined;
}

export function inspect(message: StoredMessage): InspectedMessage {
  const amqp = message.amqp;
  const properties: Record<string, unknown> = { ...amqp.application_properties };
  return {
    sequenceNumber: message.sequenceNumber,
    messageId: optionalString(amqp.message_id),
    body: decodeBody(amqp.body),
    contentType: optionalString(amqp.content_type),
    subject: optionalString(amqp.subject),
    correlationId: optionalString(amqp.correlation_id),
    applicationProperties: properties,
    deliveryCount: message.deliveryCount,
    state: message.state,
    locked: message.lock !== undefined,
    enqueuedAt: new Date(message.enqueuedAtMs),
    deadLetterReason: optionalString(properties.DeadLetterReason),
    deadLetterErrorDescription: optionalString(properties.DeadLetterErrorDescription),
  };
}

function decodeBody(body: unknown): unknown {
  if (!isBodySection(body)) {
    return body; // An AMQP value section.
  }
  if (body.typecode === SEQUENCE_SECTION) {
    return body.content;
  }
  const parts = body.multiple === true && Array.isArray(body.content) ? body.content : [body.content];
  const data = Buffer.concat(parts.filter((p): p is Buffer => Buffer.isBuffer(p)));
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return data;
  }
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (Buffer.isBuffer(value)) {
    return value.toString('hex');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
