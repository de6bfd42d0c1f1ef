// What an update step must change of a resource's properties (the wanted ones that differ from the current
// ones), and the words its result says it with: "already has …", "now has … (was …)".
export interface PropertyChanges {
  /** Only the properties that differ: the update's body (empty when nothing needs changing). */
  readonly patch: Record<string, unknown>;
  readonly needed: boolean;
  /** `enabledState Enabled, priority 1`: every wanted property. */
  readonly wanted: string;
  /** The changed properties with their new values, and with their old ones. */
  readonly changed: string;
  readonly was: string;
}

export function propertyChanges(
  wanted: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
): PropertyChanges {
  const changes = Object.entries(wanted).filter(([key, value]) => current[key] !== value);
  const describe = (entries: readonly [string, unknown][]) =>
    entries.map(([key, value]) => `${key} ${String(value)}`).join(', ');
  return {
    patch: Object.fromEntries(changes),
    needed: changes.length > 0,
    wanted: describe(Object.entries(wanted)),
    changed: describe(changes),
    was: describe(changes.map(([key]) => [key, current[key]])),
  };
}
