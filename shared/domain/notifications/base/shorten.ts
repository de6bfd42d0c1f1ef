// Untrusted text cut to a length a message can carry (Teams refuses messages over about 28 KB).

/** At most `maxChars` characters (code points, so no emoji is split), ending in `…` when cut. */
export function shorten(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length <= maxChars
    ? text
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}…`;
}
