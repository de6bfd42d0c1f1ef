// The number at a catalog path ("replication.lagSeconds", "regions[0].lag") in a parsed JSON body.

export type JsonPathValue =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

export function readJsonNumber(body: unknown, path: string): JsonPathValue {
  let current: unknown = body;
  for (const token of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    const index = /^\[(\d+)\]$/.exec(token);
    if (index) {
      if (!Array.isArray(current)) return { ok: false, reason: `${path}: expected an array before ${token}` };
      current = current[Number(index[1])];
    } else {
      if (
        typeof current !== 'object' ||
        current === null ||
        Array.isArray(current) ||
        !Object.hasOwn(current, token)
      ) {
        return { ok: false, reason: `${path}: no "${token}" in the body` };
      }
      current = (current as Record<string, unknown>)[token];
    }
  }
  if (typeof current !== 'number' || !Number.isFinite(current) || current < 0) {
    return {
      ok: false,
      reason: `${path}: expected a number of zero or more, found ${JSON.stringify(current) ?? 'nothing'}`,
    };
  }
  return { ok: true, value: current };
}
