// Every leaf activation condition, in one list: a condition is one module in conditions/ (its schema, label
// and evaluation) registered here. The order is that of the condition keys in error hints and in the
// published JSON Schema.
import type { z } from 'zod';
import type { EvaluationContext, LeafOutcome } from './EvaluationContext';
import { alertCount } from './conditions/alertCount';
import { distinctResources } from './conditions/distinctResources';
import { minSeverity } from './conditions/minSeverity';
import { primaryProbesFailing } from './conditions/primaryProbesFailing';
import { serviceHealthInPrimaryRegion } from './conditions/serviceHealthInPrimaryRegion';
import { sustainedFor } from './conditions/sustainedFor';

export const LEAF_CONDITIONS = {
  minSeverity,
  alertCount,
  distinctResources,
  sustainedFor,
  serviceHealthInPrimaryRegion,
  primaryProbesFailing,
} as const;

type Leaves = typeof LEAF_CONDITIONS;
export type LeafKey = keyof Leaves;

/** In registration order. */
export const LEAF_KEYS = Object.keys(LEAF_CONDITIONS) as LeafKey[];

/** Each leaf's value as parsed (durations in milliseconds, defaults filled in) and as authors write it. */
export type LeafValues = { [Key in LeafKey]: z.output<Leaves[Key]['schema']> };
type LeafInputs = { [Key in LeafKey]: z.input<Leaves[Key]['schema']> };

/** A parsed leaf condition: an object with exactly one leaf key. */
export type LeafActivationCondition = { [Key in LeafKey]: { readonly [K in Key]: LeafValues[Key] } }[LeafKey];
/** What authors write for a leaf condition (YAML or TypeScript): durations as text, defaults optional. */
export type LeafActivationConditionInput = {
  [Key in LeafKey]: { readonly [K in Key]: LeafInputs[Key] };
}[LeafKey];

/** A leaf condition taken apart: its key and its value, typed together. */
export type LeafEntry = { [Key in LeafKey]: { readonly key: Key; readonly value: LeafValues[Key] } }[LeafKey];

interface LeafBehaviour<Value> {
  readonly label: (value: Value) => string;
  readonly evaluate: (value: Value, ctx: EvaluationContext) => LeafOutcome;
  readonly readsPrimaryProbes?: boolean;
}

// Typed per key, so that a leaf's behaviour is called with that leaf's value (TypeScript's correlated unions).
const BEHAVIOUR: { readonly [Key in LeafKey]: LeafBehaviour<LeafValues[Key]> } = LEAF_CONDITIONS;

/** The key and value of a parsed leaf condition. */
export function leafEntry(condition: LeafActivationCondition): LeafEntry {
  const key = LEAF_KEYS.find((leaf) => Object.hasOwn(condition, leaf));
  if (key === undefined) {
    // Only a condition built around the schema gets here: parsing names every leaf key it accepts here.
    throw new Error(`Internal error: no leaf condition ${JSON.stringify(Object.keys(condition))}`);
  }
  // A parsed condition has exactly one key, and the value under a leaf key is what that leaf's schema parsed.
  return { key, value: (condition as LeafValues)[key] } as LeafEntry;
}

/** The parsed condition for the one leaf key an author wrote, with the value its schema parsed. */
export function toLeafCondition(key: LeafKey, value: unknown): LeafActivationCondition {
  return { [key]: value } as LeafActivationCondition;
}

export function leafLabel<Key extends LeafKey>(leaf: {
  readonly key: Key;
  readonly value: LeafValues[Key];
}): string {
  return BEHAVIOUR[leaf.key].label(leaf.value);
}

export function evaluateLeaf<Key extends LeafKey>(
  leaf: { readonly key: Key; readonly value: LeafValues[Key] },
  ctx: EvaluationContext,
): LeafOutcome {
  return BEHAVIOUR[leaf.key].evaluate(leaf.value, ctx);
}

export function leafReadsPrimaryProbes(key: LeafKey): boolean {
  return BEHAVIOUR[key].readsPrimaryProbes === true;
}
