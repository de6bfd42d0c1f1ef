// Helpers that replace `!` with a check that says what was missing.

export function nonNullValue<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) {
    throw new Error(`Internal error: "${what}" is null or undefined.`);
  }
  return value;
}

export function nonNullProp<T, K extends keyof T>(source: T, key: K): NonNullable<T[K]> {
  const value = source[key];
  return nonNullValue(value, String(key)) as NonNullable<T[K]>;
}
