// Property tests: whatever arrives, normalisation answers with valid alerts or a readable error, and never throws.
import fc from 'fast-check';
import { alertSchema } from '../../../../../shared/domain/alerts/Alert';
import { normaliseAlertPayload } from '../../../../../shared/domain/alerts/normaliseAlertPayload';
import { type NormaliseResult } from '../../../../../shared/domain/alerts/NormaliseResult';
import { loadAlertFixture } from './alertTestSupport';
import {
  ALERT_FIXTURES as FIXTURES,
  jsonValue,
  mutate,
  mutation,
  type Json,
} from '../../../../support/alertMutations';

const NUM_RUNS = 400;

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
