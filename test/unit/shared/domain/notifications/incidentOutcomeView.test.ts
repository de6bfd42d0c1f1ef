// The incident outcome in words: the subject's RTO summary, step statuses once the failover has ended,
// and which facts each outcome shows.
import type { StepStatus } from '../../../../../shared/domain/incident/IncidentStep';
import { incidentOutcomeView } from '../../../../../shared/domain/notifications/incidentOutcomeView';
import { PROMOTE_DB, abortedFacts, failedFacts, recoveredFacts } from './incidentOutcomeTestSupport';

describe('incidentOutcomeView', () => {
  it.each<[string, Parameters<typeof recoveredFacts>[0], string]>([
    ['recovered within the target', {}, 'failed over, RTO met (8m 56s of 15m)'],
    [
      'recovered late',
      { rto: { targetSeconds: 900, elapsedSeconds: 1022, met: false } },
      'failed over, RTO missed (17m 2s of 15m)',
    ],
    [
      'recovered exactly on the target, without `met`',
      { rto: { targetSeconds: 900, elapsedSeconds: 900 } },
      'failed over, RTO met (15m of 15m)',
    ],
    [
      'recovered late, without `met`',
      { rto: { targetSeconds: 900, elapsedSeconds: 901 } },
      'failed over, RTO missed (15m 1s of 15m)',
    ],
  ])('summarises a failover %s', (_case, overrides, summary) => {
    expect(incidentOutcomeView(recoveredFacts(overrides)).summary).toBe(summary);
  });

  it('trusts the facts’ `met` over the seconds', () => {
    const view = incidentOutcomeView(
      recoveredFacts({ rto: { targetSeconds: 900, elapsedSeconds: 536, met: false } }),
    );

    expect(view.summary).toBe('failed over, RTO missed (8m 56s of 15m)');
  });

  it('says when a failover that did not recover also missed its RTO', () => {
    const late = { rto: { targetSeconds: 900, elapsedSeconds: 1022 } };

    expect(incidentOutcomeView(failedFacts()).summary).toBe('not recovered after 12m 3s (RTO 15m)');
    expect(incidentOutcomeView(failedFacts(late)).summary).toBe(
      'not recovered after 17m 2s (RTO 15m missed)',
    );
    expect(incidentOutcomeView(abortedFacts(late)).summary).toBe(
      'failover stopped by Dana Operator after 17m 2s (RTO 15m missed)',
    );
  });

  it('flags exactly one outcome', () => {
    expect(incidentOutcomeView(recoveredFacts())).toMatchObject({
      outcomeTitle: 'Recovered',
      isRecovered: true,
      isFailed: false,
      isAborted: false,
    });
    expect(incidentOutcomeView(failedFacts())).toMatchObject({
      outcomeTitle: 'Failover FAILED',
      isRecovered: false,
      isFailed: true,
      isAborted: false,
    });
    expect(incidentOutcomeView(abortedFacts())).toMatchObject({
      outcomeTitle: 'Aborted',
      isRecovered: false,
      isFailed: false,
      isAborted: true,
    });
  });

  it('shows who aborted only for an aborted failover', () => {
    expect(incidentOutcomeView(abortedFacts())).toMatchObject({
      hasAbortedBy: true,
      abortedBy: 'Dana Operator',
    });
    expect(incidentOutcomeView(failedFacts({ abortedBy: 'Dana Operator' }))).toMatchObject({
      hasAbortedBy: false,
      abortedBy: '',
      outcomeText: 'FAILED: the workload is not recovered',
    });
  });

  it.each<[StepStatus, number, string, string]>([
    ['succeeded', 1, 'succeeded', '1 attempt'],
    ['failed', 3, 'FAILED', '3 attempts'],
    ['skipped', 0, 'skipped', 'no attempts'],
    ['pending', 0, 'not started', 'no attempts'],
    ['running', 2, 'still running', '2 attempts'],
    ['waiting', 1, 'not confirmed', '1 attempt'],
  ])('words a %s step with %i attempts', (status, attempts, statusText, attemptsText) => {
    const view = incidentOutcomeView(failedFacts({ steps: [{ ...PROMOTE_DB, status, attempts }] }));

    expect(view.steps).toEqual([
      {
        id: 'promote-db',
        name: 'Promote the secondary database',
        status,
        statusText,
        stepFailed: status === 'failed',
        attempts,
        attemptsText,
        hasError: false,
        error: '',
      },
    ]);
    expect(view.failedSteps).toHaveLength(status === 'failed' ? 1 : 0);
  });

  it.each<[string, StepStatus[], number, boolean]>([
    ['no steps', [], 0, false],
    ['only pending and skipped steps', ['pending', 'skipped'], 0, false],
    ['a step waiting for confirmation', ['succeeded', 'waiting'], 0, true],
    ['a pending step that was attempted (an operator retry)', ['pending'], 1, true],
  ])('knows whether any step started: %s', (_case, statuses, attempts, started) => {
    const steps = statuses.map((status, index) => ({ ...PROMOTE_DB, id: `s${index}`, status, attempts }));

    expect(incidentOutcomeView(abortedFacts({ steps })).hasStartedSteps).toBe(started);
  });

  it('treats a blank error or reason as none', () => {
    const view = incidentOutcomeView(
      failedFacts({ reason: '  ', steps: [{ ...PROMOTE_DB, status: 'failed', error: ' ' }] }),
    );

    expect(view.hasReason).toBe(false);
    expect(view.steps[0]?.hasError).toBe(false);
  });
});
