// Item ids from ids chosen elsewhere (alert ids, entry ids, emails): Cosmos DB refuses `/ \ ? #` in an id,
// so those (and `%`, to keep the mapping one-to-one) are percent-encoded; an id too long for the 255-character
// limit (with room for a prefix) becomes a hash of itself.
import { createHash } from 'node:crypto';

const MAX_ENCODED_LENGTH = 200;

export function cosmosItemId(raw: string): string {
  const encoded = raw.replace(
    /[%/\\?#]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return encoded.length <= MAX_ENCODED_LENGTH
    ? encoded
    : `sha256-${createHash('sha256').update(raw, 'utf8').digest('hex')}`;
}
