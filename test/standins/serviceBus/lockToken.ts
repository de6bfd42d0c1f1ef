// Lock tokens: kept as GUID strings; a receiver link's delivery tag carries them in .NET GUID byte order.
import { randomUUID } from 'node:crypto';
import rhea from 'rhea';

export function newLockToken(): string {
  return randomUUID();
}

/** The SDK reverses the first three GUID groups of a delivery tag before printing it, as .NET does. */
export function lockTokenToDeliveryTag(token: string): Buffer {
  return swapDotNetGuidBytes(rhea.string_to_uuid(token));
}

export function deliveryTagToLockToken(tag: Buffer | string): string {
  const bytes = typeof tag === 'string' ? Buffer.from(tag) : tag;
  return bytes.length === 16 ? rhea.uuid_to_string(swapDotNetGuidBytes(bytes)) : bytes.toString('hex');
}

/** `$management` requests carry lock tokens as AMQP uuids in RFC 4122 byte order: no swap. */
export function uuidToLockToken(uuid: unknown): string | undefined {
  return Buffer.isBuffer(uuid) && uuid.length === 16 ? rhea.uuid_to_string(uuid) : undefined;
}

export function lockTokenToUuid(token: string): Buffer {
  return rhea.string_to_uuid(token);
}

/** The swap is its own inverse. */
function swapDotNetGuidBytes(bytes: Buffer): Buffer {
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return Buffer.from(order.map((i) => bytes[i] ?? 0));
}
