// Answers `<entity>/$management` requests the SDK makes: peek, renew-lock, schedule / cancel,
// receive deferred messages by sequence number and settle them. Sessions and rules are refused.
import rhea, { type Message } from 'rhea';
import { decodeMessage, encodeWireMessage } from './amqpMessages';
import { type EntityRegistry } from './EntityRegistry';
import { lockTokenToUuid, uuidToLockToken } from './lockToken';
import { MESSAGE_NOT_FOUND, type MessageStore, type SettleResult, StoreError } from './MessageStore';

export interface ManagementResponse {
  readonly statusCode: number;
  readonly statusDescription?: string;
  readonly errorCondition?: string;
  readonly body?: unknown;
}

const LOCK_LOST = 'com.microsoft:message-lock-lost';
const NOT_FOUND = 'amqp:not-found';
const NOT_IMPLEMENTED = 'amqp:not-implemented';
const INVALID_FIELD = 'amqp:invalid-field';

const STATUS_FOR_CONDITION: Record<string, number> = {
  [LOCK_LOST]: 410,
  [MESSAGE_NOT_FOUND]: 404,
  [NOT_FOUND]: 404,
  [NOT_IMPLEMENTED]: 501,
  [INVALID_FIELD]: 400,
};

type RequestBody = Readonly<Record<string, unknown>>;

export function handleManagementRequest(
  registry: EntityRegistry,
  entityPath: string,
  request: Message,
): ManagementResponse {
  const operation: unknown = request.application_properties?.operation;
  const body: RequestBody =
    typeof request.body === 'object' && request.body !== null ? (request.body as RequestBody) : {};
  try {
    switch (operation) {
      case 'com.microsoft:peek-message':
        return peek(receiveStore(registry, entityPath), body);
      case 'com.microsoft:renew-lock':
        return renewLock(receiveStore(registry, entityPath), body);
      case 'com.microsoft:schedule-message':
        return schedule(registry, entityPath, body);
      case 'com.microsoft:cancel-scheduled-message':
        return cancelScheduled(registry, entityPath, body);
      case 'com.microsoft:receive-by-sequence-number':
        return receiveBySequenceNumber(receiveStore(registry, entityPath), body);
      case 'com.microsoft:update-disposition':
        return updateDisposition(receiveStore(registry, entityPath), body);
      default:
        throw new StoreError(
          NOT_IMPLEMENTED,
          `The Service Bus stand-in does not implement the management operation '${String(operation)}'.`,
        );
    }
  } catch (err) {
    if (err instanceof StoreError) {
      return {
        statusCode: STATUS_FOR_CONDITION[err.condition] ?? 500,
        statusDescription: err.message,
        errorCondition: err.condition,
      };
    }
    return {
      statusCode: 500,
      statusDescription: err instanceof Error ? err.message : String(err),
      errorCondition: 'amqp:internal-error',
    };
  }
}

function receiveStore(registry: EntityRegistry, entityPath: string): MessageStore {
  const store = registry.receiveSource(entityPath);
  if (!store) {
    throw new StoreError(NOT_FOUND, `The messaging entity '${entityPath}' could not be found.`);
  }
  return store;
}

function peek(store: MessageStore, body: RequestBody): ManagementResponse {
  const from = numberField(body, 'from-sequence-number');
  const count = numberField(body, 'message-count');
  const messages = store.peek(from, count);
  if (messages.length === 0) {
    return { statusCode: 204, statusDescription: 'No messages to peek.' };
  }
  return { statusCode: 200, body: { messages: messages.map((m) => ({ message: encodeWireMessage(m) })) } };
}

function renewLock(store: MessageStore, body: RequestBody): ManagementResponse {
  const expirations = lockTokens(body).map((token) => {
    const lockedUntil = store.renewLock(token);
    if (lockedUntil === undefined) {
      throw lockLost();
    }
    return new Date(lockedUntil);
  });
  return { statusCode: 200, body: { expirations } };
}

function schedule(registry: EntityRegistry, entityPath: string, body: RequestBody): ManagementResponse {
  const target = registry.sendTarget(entityPath);
  if (!target) {
    throw new StoreError(NOT_FOUND, `The messaging entity '${entityPath}' could not be found.`);
  }
  const entries = body.messages;
  if (!Array.isArray(entries)) {
    throw new StoreError(INVALID_FIELD, 'The schedule request has no messages.');
  }
  const sequenceNumbers = entries.map((entry: unknown) => {
    const encoded = typeof entry === 'object' && entry !== null ? (entry as RequestBody).message : undefined;
    if (!Buffer.isBuffer(encoded)) {
      throw new StoreError(INVALID_FIELD, 'A scheduled message is not binary.');
    }
    const message = decodeMessage(encoded);
    const at: unknown = message.message_annotations?.['x-opt-scheduled-enqueue-time'];
    // A duplicate is dropped, as on send; the service still answers with a sequence number.
    return target.schedule(message, at instanceof Date ? at.getTime() : undefined) ?? 0;
  });
  return {
    statusCode: 200,
    body: { 'sequence-numbers': sequenceNumbers.map((n) => rhea.types.wrap_long(n)) },
  };
}

function cancelScheduled(
  registry: EntityRegistry,
  entityPath: string,
  body: RequestBody,
): ManagementResponse {
  const target = registry.sendTarget(entityPath);
  if (!target) {
    throw new StoreError(NOT_FOUND, `The messaging entity '${entityPath}' could not be found.`);
  }
  for (const sequenceNumber of sequenceNumbers(body)) {
    target.cancelScheduled(sequenceNumber);
  }
  return { statusCode: 200 };
}

function receiveBySequenceNumber(store: MessageStore, body: RequestBody): ManagementResponse {
  const mode = body['receiver-settle-mode'] === 0 ? 'receiveAndDelete' : 'peekLock';
  const messages = store.receiveDeferred(sequenceNumbers(body), mode);
  return {
    statusCode: 200,
    body: {
      messages: messages.map((m) =>
        m.lock
          ? {
              message: encodeWireMessage(m),
              'lock-token': rhea.types.wrap_uuid(lockTokenToUuid(m.lock.token)),
            }
          : { message: encodeWireMessage(m) },
      ),
    },
  };
}

function updateDisposition(store: MessageStore, body: RequestBody): ManagementResponse {
  const status = body['disposition-status'];
  const properties = recordField(body, 'properties-to-modify');
  for (const token of lockTokens(body)) {
    let result: SettleResult;
    switch (status) {
      case 'completed':
        result = store.complete(token);
        break;
      case 'abandoned':
        result = store.abandon(token, properties);
        break;
      case 'defered': // sic: the SDK's spelling.
        result = store.defer(token, properties);
        break;
      case 'suspended':
        result = store.deadLetter(
          token,
          stringField(body, 'deadletter-reason'),
          stringField(body, 'deadletter-description'),
          properties,
        );
        break;
      default:
        throw new StoreError(INVALID_FIELD, `Unknown disposition status '${String(status)}'.`);
    }
    if (result === 'lockLost') {
      throw lockLost();
    }
  }
  return { statusCode: 200 };
}

function lockLost(): StoreError {
  return new StoreError(
    LOCK_LOST,
    'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.',
  );
}

function lockTokens(body: RequestBody): string[] {
  const raw = body['lock-tokens'];
  if (!Array.isArray(raw)) {
    throw new StoreError(INVALID_FIELD, 'The request has no lock tokens.');
  }
  return raw.map((uuid: unknown) => {
    const token = uuidToLockToken(uuid);
    if (token === undefined) {
      throw new StoreError(INVALID_FIELD, 'A lock token is not a uuid.');
    }
    return token;
  });
}

function sequenceNumbers(body: RequestBody): number[] {
  const raw = body['sequence-numbers'];
  if (!Array.isArray(raw) || !raw.every((n): n is number => typeof n === 'number')) {
    throw new StoreError(INVALID_FIELD, 'The request has no sequence numbers.');
  }
  return raw;
}

function numberField(body: RequestBody, name: string): number {
  const value = body[name];
  if (typeof value !== 'number') {
    throw new StoreError(INVALID_FIELD, `The request field '${name}' is not a number.`);
  }
  return value;
}

function stringField(body: RequestBody, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function recordField(body: RequestBody, name: string): Record<string, unknown> | undefined {
  const value = body[name];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
