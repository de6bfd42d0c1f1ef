// Region names arrive as 'West Europe', 'westeurope' or 'West Europe ' depending on the source; compare one form.

/** Lowercases and drops whitespace: 'West Europe' → 'westeurope'. Returns undefined when nothing is left. */
export function normaliseRegion(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const region = value.replace(/\s+/g, '').toLowerCase();
  return region === '' ? undefined : region;
}
