// Property tests: whatever arrives, normalisation answers with valid alerts or a readable error, and never throws.
import fc from 'fast-check';
import { alertSchema } from '../../../../../shared/domain/alerts/Alert';
import { normaliseAlertPayload } from '../../../../../shared/domain/alerts/normaliseAlertPayload';
import { type NormaliseResult } from '../../../../../shared/domain/alerts/NormaliseResult';
import { loadAlertFixture } from './alertTestSupport';

const NUM_RUNS = 400;

const FIXTURES = [
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

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Messages of the safety nets: for JSON input, reaching them means a normaliser has a bug. */
const SAFETY_NET = /could not be normalised|produced an invalid alert/;

/** Holds for every result: valid alerts, or an error with a message. */
function expectWellFormed(result: NormaliseResult, { json }: { json: boolean }): void {
  if (result.ok) {
    for (const alert of result.alerts) {
      expect(alertSchema.safeParse(alert).success).toBe(true);
    }
  } else {
    expect(result.error.message.trim()).not.toBe('');
    expect(['unknown_format', 'invalid_payload']).toContain(result.error.code);
    if (json) {
      expect(result.error.message).not.toMatch(SAFETY_NET);
    }
  }
}

function allPaths(value: Json, prefix: Path = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index): [number, Json] => [index, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return [prefix, ...children.flatMap(([key, child]) => allPaths(child, [...prefix, key]))];
}

type Mutation = { pick: number; replacement: { value: Json } | 'delete' };

function mutate(root: Json, mutation: Mutation): Json {
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

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
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
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  replacement: fc.oneof(
    fc.constant<'delete'>('delete'),
    plausible.map((value) => ({ value })),
  ),
});

describe('normaliseAlertPayload (properties)', () => {
  it('never throws for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        expectWellFormed(normaliseAlertPayload(body), { json: true });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws for arbitrary JavaScript values', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true }),
        (body) => {
          expectWellFormed(normaliseAlertPayload(body), { json: false });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws for objects that carry a format marker and arbitrary content', () => {
    const marked = fc.oneof(
      fc.record({ schemaId: fc.constant('azureMonitorCommonAlertSchema'), data: jsonValue }),
      fc.record({ schema: fc.constant('lifeboat.alert/v1'), alerts: fc.array(jsonValue, { maxLength: 3 }) }),
      fc.record({
        version: fc.constant('4'),
        groupKey: fc.string(),
        alerts: fc.array(jsonValue, { maxLength: 3 }),
      }),
    );
    fc.assert(
      fc.property(marked, (body) => {
        expectWellFormed(normaliseAlertPayload(body), { json: true });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws for valid fixtures with fields deleted or replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (fixture, mutations) => {
          const body = mutations.reduce(mutate, loadAlertFixture(fixture) as Json);
          expectWellFormed(normaliseAlertPayload(body), { json: true });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('is deterministic: the same body gives the same ids', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), (fixture) => {
        const first = normaliseAlertPayload(loadAlertFixture(fixture));
        const second = normaliseAlertPayload(loadAlertFixture(fixture));
        expect(second).toEqual(first);
      }),
      { numRuns: FIXTURES.length * 2 },
    );
  });
});
