// The message criteria authors see for a key the schema does not know, with a "did you mean" when one is close.
import { closestKey } from './closestKey';

/**
 * `Unknown condition "minSeverty" (did you mean "minSeverity"?); expected one of: minSeverity, ...` or, with
 * `where`, `Unknown key "windw" in alertCount (did you mean "within"?); expected one of: atLeast, within`.
 */
export function unknownKeysMessage(
  keys: readonly string[],
  known: readonly string[],
  noun: string,
  where?: string,
): string {
  const quoted = keys.map((key) => JSON.stringify(key)).join(', ');
  const first = keys[0];
  const suggestion = keys.length === 1 && first !== undefined ? closestKey(first, known) : undefined;
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  const place = where === undefined ? '' : ` in ${where}`;
  return `Unknown ${noun}${keys.length === 1 ? '' : 's'} ${quoted}${place}${hint}; expected one of: ${known.join(', ')}`;
}
