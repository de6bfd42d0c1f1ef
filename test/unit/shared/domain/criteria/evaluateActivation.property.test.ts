// Property tests: evaluation never throws, the combinators obey their algebra, and resolving everything dismisses.
import fc from 'fast-check';
import { SEVERITIES } from '../../../../../shared/domain/alerts/Severity';
import { type ActivationConditionInput } from '../../../../../shared/domain/criteria/ActivationCondition';
import {
  type ActivationCriteria,
  activationCriteriaSchema,
} from '../../../../../shared/domain/criteria/ActivationCriteria';
import {
  ACTIVATION_DECISIONS,
  activationEvaluationSchema,
} from '../../../../../shared/domain/criteria/ActivationEvaluation';
import {
  type ActivationFacts,
  activationFactsSchema,
  type AlertFact,
} from '../../../../../shared/domain/criteria/ActivationFacts';
import { evaluateActivation } from '../../../../../shared/domain/criteria/evaluateActivation';
import { ago, SECOND } from './criteriaTestSupport';

const NUM_RUNS = 300;

const durationArb = fc.constantFrom('30s', '1m', '5m', '10m', '15m', '1h', '1h30m');
const countWithinArb = fc.record({ atLeast: fc.integer({ min: 1, max: 4 }), within: durationArb });

const leafArb: fc.Arbitrary<ActivationConditionInput> = fc.oneof(
  fc.record({ minSeverity: fc.constantFrom(...SEVERITIES) }),
  fc.record({ alertCount: countWithinArb }),
  fc.record({ distinctResources: countWithinArb }),
  fc.record({ sustainedFor: durationArb }),
  fc.constant({ serviceHealthInPrimaryRegion: true } as const),
  fc.record({
    primaryProbesFailing: fc.record(
      { atLeast: fc.integer({ min: 1, max: 4 }), probes: fc.constantFrom('all' as const, 'any' as const) },
      { requiredKeys: [] },
    ),
  }),
);

const { condition: conditionArb } = fc.letrec<{
  condition: ActivationConditionInput;
  any: ActivationConditionInput;
  all: ActivationConditionInput;
  not: ActivationConditionInput;
}>((tie) => ({
  // maxDepth keeps trees well inside the schema's 8 levels.
  condition: fc.oneof({ maxDepth: 4, depthSize: 'small' }, leafArb, tie('any'), tie('all'), tie('not')),
  any: fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
  all: fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
  not: fc.record({ not: tie('condition') }),
}));

const criteriaArb: fc.Arbitrary<ActivationCriteria> = conditionArb.map((activateWhen) =>
  activationCriteriaSchema.parse({ activateWhen }),
);

/** Instants from two hours before NOW to a minute after it (clock skew), on whole seconds. */
const instantArb = fc.integer({ min: -60, max: 7_200 }).map((seconds) => ago(seconds * SECOND));

const alertArb: fc.Arbitrary<AlertFact> = fc
  .record({
    fingerprint: fc.constantFrom('a', 'b', 'c', 'd'),
    severity: fc.constantFrom(...SEVERITIES),
    condition: fc.constantFrom('fired' as const, 'resolved' as const),
    firedAt: instantArb,
    resolvedAt: fc.option(instantArb, { nil: undefined }),
    targetResourceIds: fc.subarray(['/r/1', '/r/2', '/r/3', '/R/1']),
    monitoringService: fc.constantFrom('Platform', 'ServiceHealth', 'Log Alerts V2'),
    region: fc.option(fc.constantFrom('westeurope', 'northeurope'), { nil: undefined }),
    impactedServices: fc.array(
      fc.record({
        service: fc.constantFrom('App Service', 'Azure SQL Database', 'Azure Cosmos DB'),
        regions: fc.subarray(['westeurope', 'northeurope', 'West Europe']),
      }),
      { maxLength: 2 },
    ),
  })
  .map((alert) => ({ id: `${alert.fingerprint}-${alert.condition}`, ...alert }));

const factsArb: fc.Arbitrary<ActivationFacts> = fc.record({
  now: fc.integer({ min: -600, max: 600 }).map((seconds) => ago(seconds * SECOND)),
  workload: fc.record({
    id: fc.constant('payments'),
    primaryRegion: fc.constantFrom('westeurope', 'West Europe', 'northeurope'),
    services: fc.subarray(['App Service', 'Azure SQL Database']),
  }),
  alerts: fc.array(alertArb, { maxLength: 8 }),
  probes: fc.array(
    fc.record({
      target: fc.constantFrom('primary' as const, 'secondary' as const),
      name: fc.constantFrom('web', 'api'),
      ok: fc.boolean(),
      at: instantArb,
    }),
    { maxLength: 10 },
  ),
});

/** A resolution for every fingerprint with a fired notification, no earlier than any of its notifications. */
function resolveEverything(
  facts: ActivationFacts,
  lateBy: number,
  stated: boolean,
  prepend: boolean,
): ActivationFacts {
  const resolutions: AlertFact[] = [];
  for (const fingerprint of new Set(
    facts.alerts.filter((a) => a.condition === 'fired').map((a) => a.fingerprint),
  )) {
    const own = facts.alerts.filter((alert) => alert.fingerprint === fingerprint);
    const latestMs = Math.max(
      ...own.map((alert) =>
        Math.max(Date.parse(alert.firedAt), Date.parse(alert.resolvedAt ?? alert.firedAt)),
      ),
    );
    const latestFiredAt = new Date(Math.max(...own.map((alert) => Date.parse(alert.firedAt)))).toISOString();
    const [template] = own;
    if (template === undefined) {
      continue;
    }
    resolutions.push({
      ...template,
      id: `${fingerprint}-resolution`,
      condition: 'resolved',
      // Without its own time, a resolution carries the firedAt of the alert it resolves.
      firedAt: latestFiredAt,
      resolvedAt: stated ? new Date(latestMs + lateBy).toISOString() : undefined,
    });
  }
  return {
    ...facts,
    alerts: prepend ? [...resolutions, ...facts.alerts] : [...facts.alerts, ...resolutions],
  };
}

describe('evaluateActivation properties', () => {
  it('generated facts satisfy the facts schema (so the properties below are about valid facts)', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        expect(activationFactsSchema.safeParse(facts).success).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws, and always answers with a decision, reasons and both result trees', () => {
    fc.assert(
      fc.property(criteriaArb, factsArb, (criteria, facts) => {
        const evaluation = evaluateActivation(criteria, facts);
        expect(activationEvaluationSchema.safeParse(evaluation).success).toBe(true);
        expect(ACTIVATION_DECISIONS).toContain(evaluation.decision);
        expect(evaluation.reasons.length).toBeGreaterThan(0);
        for (const reason of evaluation.reasons) {
          expect(reason.trim()).not.toBe('');
        }
        expect(evaluation.conditions.map((c) => c.path)).toEqual(['activateWhen', 'dismissWhen']);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('not(not(c)) decides like c', () => {
    fc.assert(
      fc.property(criteriaArb, factsArb, (criteria, facts) => {
        const plain = evaluateActivation(criteria, facts);
        const doubled = evaluateActivation(
          { ...criteria, activateWhen: { not: { not: criteria.activateWhen } } },
          facts,
        );
        expect(doubled.decision).toBe(plain.decision);
        expect(doubled.conditions[0]?.met).toBe(plain.conditions[0]?.met);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('all([c]) and any([c]) decide and explain like c', () => {
    fc.assert(
      fc.property(criteriaArb, factsArb, fc.constantFrom('all', 'any'), (criteria, facts, key) => {
        const plain = evaluateActivation(criteria, facts);
        const wrapped = evaluateActivation(
          {
            ...criteria,
            activateWhen: key === 'all' ? { all: [criteria.activateWhen] } : { any: [criteria.activateWhen] },
          },
          facts,
        );
        expect(wrapped.decision).toBe(plain.decision);
        expect(wrapped.reasons).toEqual(plain.reasons);
        expect(wrapped.conditions[0]?.met).toBe(plain.conditions[0]?.met);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('resolving every firing fingerprint dismisses, whatever the criteria and arrival order', () => {
    fc.assert(
      fc.property(
        criteriaArb,
        factsArb,
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.boolean(),
        fc.boolean(),
        (criteria, facts, lateBy, stated, prepend) => {
          const evaluation = evaluateActivation(criteria, resolveEverything(facts, lateBy, stated, prepend));
          expect(evaluation.decision).toBe('dismiss');
          expect(evaluation.conditions[1]?.met).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(criteriaArb, factsArb, (criteria, facts) => {
        expect(evaluateActivation(criteria, structuredClone(facts))).toEqual(
          evaluateActivation(criteria, facts),
        );
      }),
      { numRuns: NUM_RUNS / 3 },
    );
  });
});
