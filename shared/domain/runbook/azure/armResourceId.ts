// Azure Resource Manager resource ids as the catalog writes them: checked for the kind of resource a step
// type acts on, and taken apart into what the SDK clients need (subscription, group, names).
import { z } from 'zod';

export interface ArmResourceId {
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** The resource provider namespace, as written (e.g. `Microsoft.Sql`). */
  readonly namespace: string;
  /** Type and name pairs after the namespace: `servers/s1/failoverGroups/fg` → two pairs. */
  readonly segments: readonly { readonly type: string; readonly name: string }[];
}

const PATTERN =
  /^\/subscriptions\/([0-9a-fA-F-]{36})\/resourceGroups\/([-\w._()]{1,90})\/providers\/([A-Za-z][\w.]*)((?:\/[^/?#\s]+\/[^/?#\s]+)+)$/;

/** Takes an id apart; `undefined` when it is not a resource id inside a resource group. */
export function parseArmResourceId(id: string): ArmResourceId | undefined {
  const match = PATTERN.exec(id);
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', namespace = '', rest = ''] = match;
  const parts = rest.slice(1).split('/');
  const segments: { type: string; name: string }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    segments.push({ type: parts[i] ?? '', name: decodeURIComponent(parts[i + 1] ?? '') });
  }
  return { id, subscriptionId, resourceGroup, namespace, segments };
}

/** The name of the resource of `type` along the id (types compare case-insensitively, as ARM does). */
export function nameOf(id: ArmResourceId, type: string): string {
  const segment = id.segments.find((s) => s.type.toLowerCase() === type.toLowerCase());
  if (segment === undefined) {
    throw new Error(`Resource id ${id.id} has no ${type} segment`); // ruled out by the schema
  }
  return segment.name;
}

/** The last name along an id: the resource's own. */
export function lastName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** The shape a step expects: the namespace and, per level, the type (or one of several types). */
export interface ArmResourceKind {
  readonly namespace: string;
  readonly types: readonly (string | readonly string[])[];
  /** How it reads in messages: "a Front Door origin". */
  readonly label: string;
}

export function matchesKind(id: ArmResourceId, kind: ArmResourceKind): boolean {
  if (id.namespace.toLowerCase() !== kind.namespace.toLowerCase()) return false;
  if (id.segments.length !== kind.types.length) return false;
  return kind.types.every((type, i) => {
    const actual = id.segments[i]?.type.toLowerCase() ?? '';
    const allowed = typeof type === 'string' ? [type] : type;
    return allowed.some((t) => t.toLowerCase() === actual);
  });
}

export function kindTemplate(kind: ArmResourceKind): string {
  const levels = kind.types
    .map((type) => `${typeof type === 'string' ? type : type.join('|')}/{name}`)
    .join('/');
  return `/subscriptions/{subscription}/resourceGroups/{group}/providers/${kind.namespace}/${levels}`;
}

/** A catalog field holding the id of a resource of one kind. */
export function armResourceIdSchema(kind: ArmResourceKind, description: string) {
  return z
    .string()
    .trim()
    .refine(
      (value) => {
        const id = parseArmResourceId(value);
        return id !== undefined && matchesKind(id, kind);
      },
      { error: `Expected the resource id of ${kind.label}: ${kindTemplate(kind)}` },
    )
    .describe(`${description} Form: ${kindTemplate(kind)}.`);
}

/** Any resource id (or a subscription- or group-level id) for the generic `azure.arm` step. */
export const anyArmPathSchema = z
  .string()
  .trim()
  .regex(
    /^\/subscriptions\/[0-9a-fA-F-]{36}(\/[^/?#\s]+)*$/,
    'Expected an ARM resource path starting /subscriptions/{subscription id} (no query string: give apiVersion)',
  );

/** Parses an id the schema has already checked. */
export function checkedId(id: string): ArmResourceId {
  const parsed = parseArmResourceId(id);
  if (parsed === undefined) throw new Error(`Not a resource id: ${id}`); // ruled out by the schema
  return parsed;
}
