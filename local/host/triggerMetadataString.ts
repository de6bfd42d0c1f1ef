// A string of trigger metadata as typed data that converts to exactly what the host's `string` would.
import type { RpcTypedData } from '../functionsCore/functionsCoreModule';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const JSON_LITERALS = new Set(['true', 'false', 'null']);

/**
 * The programming model reads a `string` value with `JSON.parse`, keeping the string when that throws.
 * For strings that can never be JSON (ids, timestamps, tokens) the throw costs more than the rest of a
 * message's conversion, so those go as `json` holding the string, which converts to the same value.
 * Anything that might be JSON stays a `string` and is converted by the library as the host's would be.
 */
export function triggerMetadataString(value: string): RpcTypedData {
  return cannotBeJson(value) ? { json: JSON.stringify(value) } : { string: value };
}

function cannotBeJson(value: string): boolean {
  const first = value.charAt(0);
  if (first === '' || first === '{' || first === '[' || first === '"' || first.trim() === '') {
    return false;
  }
  if (first === '-' || (first >= '0' && first <= '9')) {
    return !JSON_NUMBER.test(value.trimEnd());
  }
  return !JSON_LITERALS.has(value.trimEnd());
}
