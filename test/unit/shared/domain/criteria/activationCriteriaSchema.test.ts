import { z } from 'zod';
import { MAX_CONDITION_DEPTH } from '../../../../../shared/domain/criteria/conditionDepth';
import { activationCriteriaSchema } from '../../../../../shared/domain/criteria/ActivationCriteria';
import { type ValidationIssue } from '../../../../../shared/errors';
import { formatZodIssues } from '../../../../../shared/domain/validation/formatZodIssues';

/** Issues as a catalog author sees them, with the path inside a workload file. */
function issuesOf(input: unknown): ValidationIssue[] {
  const result = activationCriteriaSchema.safeParse(input);
  if (result.success) {
    throw new Error(`expected issues, parsed ${JSON.stringify(result.data)}`);
  }
  return formatZodIssues(result.error.issues, 'activation');
}

/** `not` wrapped around a leaf so that the tree has `levels` levels. */
function nestedNots(levels: number): unknown {
  let node: unknown = { minSeverity: 'Sev1' };
  for (let level = 1; level < levels; level += 1) {
    node = { not: node };
  }
  return node;
}

const CONDITION_LIST =
  'minSeverity, alertCount, distinctResources, sustainedFor, serviceHealthInPrimaryRegion, primaryProbesFailing, any, all, not';

describe('activationCriteriaSchema: valid criteria', () => {
  it('parses the YAML shape, durations to milliseconds, with defaults filled in', () => {
    const parsed = activationCriteriaSchema.parse({
      activateWhen: {
        all: [
          { minSeverity: 'Sev1' },
          {
            any: [
              { distinctResources: { atLeast: 2, within: '10m' } },
              { alertCount: { atLeast: 3, within: '1h 30m' } },
              { serviceHealthInPrimaryRegion: true },
              { primaryProbesFailing: {} },
              { primaryProbesFailing: { atLeast: 5, probes: 'any' } },
            ],
          },
          { not: { sustainedFor: '2d' } },
        ],
      },
    });
    expect(parsed).toEqual({
      activateWhen: {
        all: [
          { minSeverity: 'Sev1' },
          {
            any: [
              { distinctResources: { atLeast: 2, within: 600_000 } },
              { alertCount: { atLeast: 3, within: 5_400_000 } },
              { serviceHealthInPrimaryRegion: true },
              { primaryProbesFailing: { atLeast: 3, probes: 'all' } },
              { primaryProbesFailing: { atLeast: 5, probes: 'any' } },
            ],
          },
          { not: { sustainedFor: 172_800_000 } },
        ],
      },
      dismissWhen: 'allResolved',
    });
  });

  it(`accepts exactly ${MAX_CONDITION_DEPTH} levels of nesting`, () => {
    expect(
      activationCriteriaSchema.safeParse({ activateWhen: nestedNots(MAX_CONDITION_DEPTH) }).success,
    ).toBe(true);
  });
});

describe('activationCriteriaSchema: readable errors', () => {
  it('names an unknown condition and suggests the closest one', () => {
    expect(issuesOf({ activateWhen: { all: [{ minSeverty: 'Sev1' }] } })).toEqual([
      {
        path: 'activation.activateWhen.all[0]',
        message: `Unknown condition "minSeverty" (did you mean "minSeverity"?); expected one of: ${CONDITION_LIST}`,
      },
    ]);
  });

  it('lists the known conditions when nothing is close', () => {
    expect(issuesOf({ activateWhen: { cpuAbove: 90 } })).toEqual([
      {
        path: 'activation.activateWhen',
        message: `Unknown condition "cpuAbove"; expected one of: ${CONDITION_LIST}`,
      },
    ]);
  });

  it('rejects two keys in one condition object and says how to combine them', () => {
    expect(issuesOf({ activateWhen: { minSeverity: 'Sev1', sustainedFor: '5m' } })).toEqual([
      {
        path: 'activation.activateWhen',
        message:
          'A condition has exactly one key, this one has 2 (minSeverity, sustainedFor): ' +
          'list them under all: (every one holds) or any: (at least one holds)',
      },
    ]);
  });

  it('rejects an empty condition', () => {
    expect(issuesOf({ activateWhen: { any: [{}] } })).toEqual([
      {
        path: 'activation.activateWhen.any[0]',
        message: `Empty condition: expected an object with exactly one key: ${CONDITION_LIST}`,
      },
    ]);
  });

  it('points a list given where one condition belongs to all: / any:', () => {
    expect(issuesOf({ activateWhen: [{ minSeverity: 'Sev1' }] })).toEqual([
      {
        path: 'activation.activateWhen',
        message:
          'Expected one condition, got a list: put the list under all: (every one holds) or any: (at least one holds)',
      },
    ]);
  });

  it('explains a bad duration with examples', () => {
    expect(issuesOf({ activateWhen: { all: [{ sustainedFor: '5 minutes' }] } })).toEqual([
      {
        path: 'activation.activateWhen.all[0].sustainedFor',
        message:
          'Invalid duration "5 minutes": write whole numbers with units d, h, m, s in that order, e.g. 30s, 5m, 1h30m or 2d',
      },
    ]);
  });

  it('reports every problem of a condition with its path', () => {
    expect(
      issuesOf({
        activateWhen: {
          all: [
            { alertCount: { atLeast: 0, within: '0s', withn: '5m' } },
            { distinctResources: 2 },
            { primaryProbesFailing: { atLeast: 2.5, probes: 'most' } },
            { serviceHealthInPrimaryRegion: false },
            { minSeverity: 'Critical' },
            { any: [] },
          ],
        },
      }),
    ).toEqual([
      {
        path: 'activation.activateWhen.all[0].alertCount.atLeast',
        message: 'Expected a whole number of at least 1',
      },
      {
        path: 'activation.activateWhen.all[0].alertCount.within',
        message: 'Duration "0s" must be longer than 0s',
      },
      {
        path: 'activation.activateWhen.all[0].alertCount',
        message:
          'Unknown key "withn" in alertCount (did you mean "within"?); expected one of: atLeast, within',
      },
      {
        path: 'activation.activateWhen.all[1].distinctResources',
        message: 'Expected { atLeast: <number>, within: <duration> }, e.g. { atLeast: 2, within: 10m }',
      },
      {
        path: 'activation.activateWhen.all[2].primaryProbesFailing.atLeast',
        message: 'Expected a whole number of at least 1',
      },
      {
        path: 'activation.activateWhen.all[2].primaryProbesFailing.probes',
        message: 'Invalid option: expected one of "all"|"any"',
      },
      {
        path: 'activation.activateWhen.all[3].serviceHealthInPrimaryRegion',
        message: 'Write serviceHealthInPrimaryRegion: true (wrap it in not: to require the opposite)',
      },
      {
        path: 'activation.activateWhen.all[4].minSeverity',
        message: 'Expected a severity: Sev0, Sev1, Sev2, Sev3, Sev4 (Sev0 is the most severe)',
      },
      { path: 'activation.activateWhen.all[5].any', message: 'any needs at least one condition' },
    ]);
  });

  it(`caps nesting at ${MAX_CONDITION_DEPTH} levels, naming the first condition past the cap`, () => {
    expect(issuesOf({ activateWhen: nestedNots(MAX_CONDITION_DEPTH + 1) })).toEqual([
      {
        path: 'activation.activateWhen.not.not.not.not.not.not.not.not',
        message:
          'Conditions nest at most 8 levels deep (counting any, all and not); this one is at level 9: flatten nested all: / any: lists',
      },
    ]);
  });

  it('finds the depth violation inside lists', () => {
    const deep = { all: [{ minSeverity: 'Sev1' }, { any: [{ sustainedFor: '5m' }, nestedNots(7)] }] };
    expect(issuesOf({ activateWhen: deep })[0]?.path).toBe(
      'activation.activateWhen.all[1].any[1].not.not.not.not.not.not',
    );
  });

  it('answers a hostile, deeply nested input with the depth error instead of overflowing the stack', () => {
    expect(issuesOf({ activateWhen: nestedNots(100_000) })).toHaveLength(1);
  });

  it('requires activateWhen and knows only allResolved as dismiss rule', () => {
    expect(issuesOf({ dismissWhen: 'never', activateWhn: {} })).toEqual([
      {
        path: 'activation.activateWhen',
        message: `Expected a condition: an object with exactly one key: ${CONDITION_LIST}`,
      },
      { path: 'activation.dismissWhen', message: 'dismissWhen supports only allResolved (the default)' },
      {
        path: 'activation',
        message:
          'Unknown key "activateWhn" in activation criteria (did you mean "activateWhen"?); expected one of: activateWhen, dismissWhen',
      },
    ]);
  });

  it('rejects criteria that are not an object', () => {
    expect(issuesOf('Sev1')).toEqual([
      {
        path: 'activation',
        message: 'Expected activation criteria: an object with activateWhen and optionally dismissWhen',
      },
    ]);
  });
});

describe('activationCriteriaSchema: JSON Schema for editor completion', () => {
  const jsonSchema = z.toJSONSchema(activationCriteriaSchema, { target: 'draft-2020-12', io: 'input' });

  /** Every `properties` entry anywhere in the document, with its dotted location. */
  function allProperties(node: unknown, at = ''): [string, Record<string, unknown>][] {
    if (typeof node !== 'object' || node === null) {
      return [];
    }
    const out: [string, Record<string, unknown>][] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) {
        for (const [name, property] of Object.entries(value as Record<string, Record<string, unknown>>)) {
          out.push([`${at}.${name}`, property]);
        }
      }
      out.push(...allProperties(value, `${at}.${key}`));
    }
    return out;
  }

  it('describes every field', () => {
    const properties = allProperties(jsonSchema);
    expect(properties.length).toBeGreaterThanOrEqual(15);
    const undescribed = properties.filter(([, property]) => typeof property.description !== 'string');
    expect(undescribed.map(([where]) => where)).toEqual([]);
  });

  it('defines the recursive condition once, with one key per condition object', () => {
    const defs = jsonSchema.$defs ?? {};
    expect(Object.keys(defs)).toEqual(['ActivationCondition']);
    expect(defs.ActivationCondition).toMatchObject({
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
    });
  });

  it('publishes the duration pattern so editors flag bad durations', () => {
    expect(JSON.stringify(jsonSchema)).toContain('"pattern"');
  });
});
