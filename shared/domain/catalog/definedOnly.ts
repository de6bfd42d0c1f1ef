// Drops undefined entries so parsed catalog objects carry only the fields an author wrote (or a default filled).

export type DefinedOnly<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

export function definedOnly<T extends object>(fields: T): DefinedOnly<T> {
  const out: DefinedOnly<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = fields[key];
    if (value !== undefined) {
      out[key] = value as Exclude<T[keyof T], undefined>;
    }
  }
  return out;
}
