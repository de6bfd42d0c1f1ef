// The end of a failover as the notification channels send it.
import { buildIncidentOutcomeNotification } from '../../../../../shared/domain/notifications/buildIncidentOutcomeNotification';
import type { IncidentOutcomeFacts } from '../../../../../shared/domain/notifications/IncidentOutcomeFacts';
import { ValidationError } from '../../../../../shared/errors';
import { OUTCOME_INCIDENT_ID, failedFacts, recoveredFacts } from './incidentOutcomeTestSupport';
import { TEMPLATES } from './notificationTestSupport';

describe('buildIncidentOutcomeNotification', () => {
  const notification = buildIncidentOutcomeNotification(failedFacts(), TEMPLATES);

  it('is identified by the incident, which ends once', () => {
    expect(notification).toMatchObject({
      id: `incident-outcome.${OUTCOME_INCIDENT_ID}`,
      kind: 'incident-outcome',
      incidentId: OUTCOME_INCIDENT_ID,
      links: [],
    });
    expect(buildIncidentOutcomeNotification(recoveredFacts(), TEMPLATES).id).toBe(notification.id);
  });

  it('sends the same email to every recipient with an address, once each', () => {
    const facts = failedFacts();
    const withRepeat = failedFacts({
      recipients: [...facts.recipients, { name: 'Alice again', email: 'ALICE@example.com' }],
    });

    const { emails } = buildIncidentOutcomeNotification(withRepeat, TEMPLATES);

    expect(emails.map((email) => email.to)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(emails[0]?.html).toBe(emails[1]?.html);
    expect(emails[0]?.text).toBe(emails[1]?.text);
    expect(emails[0]?.subject).toBe(
      '[Lifeboat] Failover FAILED: Orders API not recovered after 12m 3s (RTO 15m)',
    );
  });

  it('posts a card to Teams, also when nobody has an email address', () => {
    const teamsOnly = buildIncidentOutcomeNotification(
      recoveredFacts({ recipients: [{ name: 'Carol Teams', teamsUpn: 'carol@contoso.example' }] }),
      TEMPLATES,
    );

    expect(notification.card?.attachments[0].content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(teamsOnly.emails).toEqual([]);
    expect(teamsOnly.card?.attachments[0].content).toMatchObject({ type: 'AdaptiveCard' });
  });

  it.each<[string, Partial<IncidentOutcomeFacts>, string]>([
    ['an outcome that is not an end of a failover', { outcome: 'rolled-back' as 'failed' }, 'outcome'],
    ['no recipients', { recipients: [] }, 'recipients'],
    ['a javascript: status link', { statusUrl: 'javascript:alert(1)' }, 'statusUrl'],
    ['a zero RTO target', { rto: { targetSeconds: 0, elapsedSeconds: 10 } }, 'rto.targetSeconds'],
    ['a negative elapsed time', { rto: { targetSeconds: 900, elapsedSeconds: -1 } }, 'rto.elapsedSeconds'],
    ['an incident id unsafe in file names', { incidentId: '../etc/passwd' }, 'incidentId'],
    [
      'an unknown step status',
      { steps: [{ id: 'a', name: 'A', status: 'done' as 'succeeded', attempts: 1 }] },
      'steps',
    ],
  ])('refuses facts with %s', (_case, overrides, path) => {
    const build = (): unknown => buildIncidentOutcomeNotification(failedFacts(overrides), TEMPLATES);

    expect(build).toThrow(ValidationError);
    expect(build).toThrow(new RegExp(`^Incident outcome facts are invalid: .*${path.replace('.', '\\.')}`));
  });
});
