// A progress update of a failover under way: where it is (step N of M, or paused, or validating), the RTO
// budget left, every step, one email per address and one card, values escaped, an id per update.
import {
  buildProgressUpdateNotification,
  type ProgressUpdateFacts,
} from '../../../../../../shared/domain/notifications/kinds/progressUpdate';
import { ValidationError } from '../../../../../../shared/errors';
import {
  FREEZE_WRITES,
  OUTCOME_INCIDENT_ID,
  OUTCOME_STATUS_URL,
  PROMOTE_DB,
  SWITCH_DNS,
} from '../incidentOutcomeTestSupport';
import { allStrings, decodeHtmlEntities, SCRIPT_INJECTION, TEMPLATES } from '../notificationTestSupport';

function facts(overrides: Partial<ProgressUpdateFacts> = {}): ProgressUpdateFacts {
  return {
    incidentId: OUTCOME_INCIDENT_ID,
    workloadId: 'orders-api',
    workloadName: 'Orders API',
    tier: 1,
    sequence: 2,
    phase: 'failing-over',
    rto: { targetSeconds: 900, elapsedSeconds: 250, remainingSeconds: 650 },
    steps: [
      FREEZE_WRITES,
      { ...PROMOTE_DB, status: 'running' },
      { ...SWITCH_DNS, status: 'pending', attempts: 0 },
    ],
    currentStepId: PROMOTE_DB.id,
    statusUrl: OUTCOME_STATUS_URL,
    recipients: [
      { name: 'Alice Example', email: 'alice@example.com' },
      { name: 'Carol Teams', teamsUpn: 'carol@contoso.example' },
      { name: 'Bob Builder', email: 'bob@example.com' },
    ],
    ...overrides,
  };
}

describe('buildProgressUpdateNotification', () => {
  it('says which step of how many runs and the RTO budget left, to every address and the channel', () => {
    const notification = buildProgressUpdateNotification(facts(), TEMPLATES);
    expect(notification).toMatchObject({
      id: `progress-update.${OUTCOME_INCIDENT_ID}.2`,
      kind: 'progress-update',
      incidentId: OUTCOME_INCIDENT_ID,
      links: [],
    });
    expect(notification.emails.map((e) => e.to)).toEqual(['alice@example.com', 'bob@example.com']);
    const [email] = notification.emails;
    expect(email?.subject).toBe(
      '[Lifeboat] Failing over: Orders API, 4m 10s elapsed, 10m 50s of 15m left (update 2)',
    );
    expect(email?.text).toContain('Where:     step 2 of 3: Promote the secondary database (running)');
    expect(email?.text).toContain('  - [done] Freeze writes (freeze-writes)');
    expect(email?.text).toContain('  - [running] Promote the secondary database (promote-db)  <- now');
    expect(email?.text).toContain('  - [to do] Switch DNS (switch-dns)');
    expect(email?.text).toContain(`Incident status: ${OUTCOME_STATUS_URL}`);
    expect(decodeHtmlEntities(email?.html ?? '')).toContain(
      'step 2 of 3: Promote the secondary database (running)',
    );
    const card = JSON.stringify(notification.card);
    expect(card).toContain('DR activation: Failing over');
    expect(card).toContain('10m 50s of 15m left');
  });

  it('says a paused failover waits for an operator, a validating one probes, and an RTO overrun', () => {
    const paused = buildProgressUpdateNotification(facts({ phase: 'paused', sequence: 3 }), TEMPLATES);
    expect(paused.emails[0]?.subject).toMatch(/^\[Lifeboat\] Failover PAUSED: Orders API/);
    expect(paused.emails[0]?.text).toContain('paused at step 2 of 3');
    expect(paused.emails[0]?.text).toContain('It is PAUSED and waits for an operator');
    expect(JSON.stringify(paused.card)).toContain('waits for an operator');

    const late = buildProgressUpdateNotification(
      facts({
        phase: 'validating',
        currentStepId: undefined,
        rto: { targetSeconds: 900, elapsedSeconds: 1000, remainingSeconds: -100 },
      }),
      TEMPLATES,
    );
    expect(late.emails[0]?.text).toContain('Where:     every runbook step has run; probing the secondary');
    expect(late.emails[0]?.text).toContain('RTO:       16m 40s elapsed, none of 15m left (over by 1m 40s)');
    expect(late.emails[0]?.html).toContain('color: #a4262c');
  });

  it('shows a step error as text, never as markup, in every part', () => {
    const steps = [FREEZE_WRITES, { ...PROMOTE_DB, status: 'failed' as const, error: SCRIPT_INJECTION }];
    const notification = buildProgressUpdateNotification(facts({ phase: 'paused', steps }), TEMPLATES);
    const html = notification.emails[0]?.html ?? '';
    expect(html).not.toContain('<script>');
    expect(decodeHtmlEntities(html)).toContain(SCRIPT_INJECTION);
    expect(notification.emails[0]?.text).toContain(
      `[FAILED] Promote the secondary database (promote-db)  <- now: ${SCRIPT_INJECTION}`,
    );
    expect(allStrings(notification.card)).toContain(SCRIPT_INJECTION);
  });

  it('refuses facts that do not fit, naming the field', () => {
    expect(() => buildProgressUpdateNotification(facts({ sequence: 0 }), TEMPLATES)).toThrow(ValidationError);
    expect(() => buildProgressUpdateNotification(facts({ recipients: [] }), TEMPLATES)).toThrow(/recipients/);
  });
});
