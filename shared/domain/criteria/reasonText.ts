// Small wording helpers shared by the reasons that approvers read.

/** `1 alert`, `3 alerts`; `plural` defaults to the noun plus "s". */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** `A`, `A and B`, `A, B and C`; past `max` items the rest are counted: `A, B, C and 2 more`. */
export function listText(items: readonly string[], max = 5): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  const last = shown.pop();
  if (last === undefined) {
    return '';
  }
  return shown.length === 0 ? last : `${shown.join(', ')} and ${last}`;
}
