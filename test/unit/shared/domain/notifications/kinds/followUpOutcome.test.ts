// The follow-up outcome kind: how a failback or a rollback ended, in its direction, rendered from the shipped
// templates (email text and HTML, Teams card), every value escaped.
import {
  followUpOutcome,
  type FollowUpOutcomeFacts,
} from '../../../../../../shared/domain/notifications/kinds/followUpOutcome';
import { allStrings, SCRIPT_INJECTION, TEMPLATES } from '../notificationTestSupport';

const INCIDENT = 'orders-api-20261122-031205';

function facts(overrides: Partial<FollowUpOutcomeFacts> = {}): FollowUpOutcomeFacts {
  return {
    incidentId: INCIDENT,
    workloadId: 'orders-api',
    workloadName: 'Orders API',
    tier: 1,
    outcome: 'failed-back',
    reason: 'back on westeurope, primary healthy: orders-api: answered 200',
    runsIn: 'westeurope',
    durationSeconds: 754,
    steps: [
      { id: 'traffic-back', name: 'Traffic back to West Europe', status: 'succeeded', attempts: 1 },
      { id: 'cosmos-back', name: 'Cosmos DB back', status: 'failed', attempts: 3, error: 'answered 503' },
    ],
    seq: 1,
    statusUrl: `https://lifeboat.example.com/api/console/incidents/${INCIDENT}`,
    recipients: [{ name: 'Alice', email: 'alice@example.com' }],
    ...overrides,
  };
}

describe('follow-up outcome', () => {
  it('says the direction, where the workload runs now and how long it took, once per phase', () => {
    const notification = followUpOutcome.build(facts(), TEMPLATES);
    expect(notification).toMatchObject({
      id: `follow-up-outcome.${INCIDENT}.failback-1`,
      kind: 'follow-up-outcome',
      incidentId: INCIDENT,
    });
    const [email] = notification.emails;
    expect(email?.subject).toBe('[Lifeboat] Failed back: Orders API runs in westeurope (12m 34s)');
    expect(email?.text.split('\n')[0]).toBe(
      'Failback of Orders API: Failed back. The workload runs in westeurope.',
    );
    expect(email?.text).toContain('  - [FAILED] Cosmos DB back (cosmos-back), 3 attempts: answered 503');
    expect(email?.text).not.toContain('WHAT TO DO');
    expect(allStrings(notification.card)).toContain('Failed back: Orders API');
  });

  it('tells what to do when a rollback failed, and names a second rollback apart', () => {
    const notification = followUpOutcome.build(
      facts({ outcome: 'rollback-failed', runsIn: 'northeurope in part, westeurope in part', seq: 2 }),
      TEMPLATES,
    );
    expect(notification.id).toBe(`follow-up-outcome.${INCIDENT}.rollback-2`);
    const [email] = notification.emails;
    expect(email?.subject).toMatch(/^\[Lifeboat\] Rollback FAILED: Orders API runs in northeurope in part/);
    expect(email?.text).toContain('WHAT TO DO');
    expect(email?.html).toContain('<strong>Rollback FAILED</strong>');
  });

  it('escapes what came from elsewhere', () => {
    const notification = followUpOutcome.build(facts({ reason: SCRIPT_INJECTION }), TEMPLATES);
    expect(notification.emails[0]?.html).not.toContain('<script');
  });
});
