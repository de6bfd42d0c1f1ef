// Label-like maps (custom properties, Prometheus labels) arrive with any JSON values; labels are strings.

/** Keeps string values as they are and writes every other JSON value as JSON; `undefined` entries are skipped. */
export function stringifyLabels(
  source: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, string> {
  const labels: Record<string, string> = {};
  if (source === null || source === undefined) {
    return labels;
  }
  for (const [key, value] of Object.entries(source)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text !== undefined) {
      // defineProperty keeps a key such as "__proto__" as plain data instead of touching the prototype.
      Object.defineProperty(labels, key, {
        value: text,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return labels;
}

/** The value of the first label whose name matches `name` case-insensitively and is not blank. */
export function findLabel(labels: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(labels)) {
    if (key.toLowerCase() === wanted && value.trim() !== '') {
      return value.trim();
    }
  }
  return undefined;
}
