// Mutations of valid alert payloads for property tests: delete or replace any field with plausible junk.
import fc from 'fast-check';

/** Valid payloads of every format under test/fixtures/alerts. */
export const ALERT_FIXTURES = [
  'azure-monitor-metric-fired.json',
  'azure-monitor-metric-resolved.json',
  'azure-monitor-metric-dynamic-threshold.json',
  'azure-monitor-log-v2.json',
  'azure-monitor-log-analytics-legacy.json',
  'azure-monitor-activity-log-policy.json',
  'azure-monitor-service-health-incident-resolved.json',
  'azure-monitor-resource-health.json',
  'azure-monitor-prometheus-fired.json',
  'alertmanager-v4.json',
  'alertmanager-v4-mixed.json',
  'generic-v1.json',
] as const;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function allPaths(value: Json, prefix: Path = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index): [number, Json] => [index, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return [prefix, ...children.flatMap(([key, child]) => allPaths(child, [...prefix, key]))];
}

export type Mutation = { pick: number; replacement: { value: Json } | 'delete' };

export function mutate(root: Json, mutation: Mutation): Json {
  const paths = allPaths(root).filter((path) => path.length > 0);
  const path = paths[mutation.pick % Math.max(paths.length, 1)];
  if (path === undefined) {
    return mutation.replacement === 'delete' ? null : mutation.replacement.value;
  }
  const parent = path
    .slice(0, -1)
    .reduce<Json>((node, key) => (node as Record<string, Json>)[key] ?? null, root);
  const key = path[path.length - 1] ?? '';
  if (Array.isArray(parent) && typeof key === 'number') {
    if (mutation.replacement === 'delete') {
      parent.splice(key, 1);
    } else {
      parent[key] = mutation.replacement.value;
    }
  } else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
    if (mutation.replacement === 'delete') {
      delete parent[key];
    } else {
      parent[key] = mutation.replacement.value;
    }
  }
  return root;
}

export const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
/** Values that look like what the parsers expect, so mutations reach past the first check. */
const plausible = fc.oneof(
  jsonValue,
  fc.constantFrom<Json>(
    'Sev0',
    'Sev9',
    'Fired',
    'Resolved',
    'firing',
    'resolved',
    '',
    ' ',
    '0001-01-01T00:00:00Z',
  ),
  fc.constantFrom<Json>(
    '2026-11-20T08:13:00Z',
    '3/22/2019 1:36:33 PM',
    '2021-02-30T00:00:00Z',
    '[{"ServiceName":1}]',
  ),
);
export const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  replacement: fc.oneof(
    fc.constant<'delete'>('delete'),
    plausible.map((value) => ({ value })),
  ),
});
