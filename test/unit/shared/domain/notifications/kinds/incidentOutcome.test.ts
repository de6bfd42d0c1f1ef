// The incident outcome kind: the notification the channels send, its email and card rendered from the shipped
// templates, and its view.
import type { StepStatus } from '../../../../../../shared/domain/incident/IncidentStep';
import type { AdaptiveCard } from '../../../../../../shared/domain/notifications/base/AdaptiveCard';
import {
  buildIncidentOutcomeNotification,
  type IncidentOutcomeFacts,
  incidentOutcomeView,
  OUTCOME_TEXT_MAX_CHARS,
  renderIncidentOutcome,
} from '../../../../../../shared/domain/notifications/kinds/incidentOutcome';
import { ValidationError } from '../../../../../../shared/errors';
import {
  abortedFacts,
  failedFacts,
  FREEZE_WRITES,
  OUTCOME_INCIDENT_ID,
  OUTCOME_STATUS_URL,
  PROMOTE_DB,
  PROMOTE_DB_ERROR,
  recoveredFacts,
} from '../incidentOutcomeTestSupport';
import {
  allStrings,
  ATTRIBUTE_INJECTION,
  decodeHtmlEntities,
  hrefs,
  SCRIPT_INJECTION,
  tagNames,
  TEMPLATES,
} from '../notificationTestSupport';

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

/** The tags the shipped HTML template itself uses; anything else came from data. */
const TEMPLATE_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'body',
  'div',
  'p',
  'strong',
  'ul',
  'li',
  'code',
  'table',
  'tr',
  'th',
  'td',
  'h3',
  'a',
]);

/** Every element and action with a `type`, depth first. */
function elements(card: AdaptiveCard): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.type === 'string') {
        found.push(record);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

function ofType(card: AdaptiveCard, type: string): Record<string, unknown>[] {
  return elements(card).filter((element) => element.type === type);
}

/** Text Teams renders as Markdown: TextBlocks and FactSet values. TextRuns are shown literally. */
function markdownTexts(card: AdaptiveCard): string[] {
  const factValues = ofType(card, 'FactSet').flatMap((set) =>
    (set.facts as { value: string }[]).map((fact) => fact.value),
  );
  return [...ofType(card, 'TextBlock').map((block) => String(block.text)), ...factValues];
}

function literalTexts(card: AdaptiveCard): string[] {
  return ofType(card, 'TextRun').map((run) => String(run.text));
}

function heading(card: AdaptiveCard): Record<string, unknown> | undefined {
  return ofType(card, 'TextBlock').find((block) => block.style === 'heading');
}

/** The Container that shows what failed and what to do. */
function attentionContainer(card: AdaptiveCard): Record<string, unknown> | undefined {
  return ofType(card, 'Container').find((container) => container.style === 'attention');
}

describe('renderIncidentOutcome', () => {
  it.each<[string, IncidentOutcomeFacts, string]>([
    ['recovered', recoveredFacts(), '[Lifeboat] Recovered: Orders API failed over, RTO met (8m 56s of 15m)'],
    ['failed', failedFacts(), '[Lifeboat] Failover FAILED: Orders API not recovered after 12m 3s (RTO 15m)'],
    [
      'aborted',
      abortedFacts(),
      '[Lifeboat] Aborted: Orders API failover stopped by Dana Operator after 5m 2s (RTO 15m)',
    ],
  ])('gives the %s outcome a one-line subject with the RTO', (_outcome, facts, subject) => {
    expect(renderIncidentOutcome(facts, TEMPLATES).email.subject).toBe(subject);
  });

  it.each<[string, IncidentOutcomeFacts]>([
    ['recovered', recoveredFacts()],
    ['failed', failedFacts()],
    ['aborted', abortedFacts()],
  ])('shows the facts of the %s outcome in the text, the HTML and the card', (_outcome, facts) => {
    const { email, card } = renderIncidentOutcome(facts, TEMPLATES);
    const html = decodeHtmlEntities(email.html);
    const cardText = allStrings(card).join('\n');

    for (const text of [email.text, html, cardText]) {
      expect(text).toContain(OUTCOME_INCIDENT_ID);
      expect(text).toContain('Orders API (orders-api)');
      expect(text).toContain('0 (mission critical)');
      expect(text).toContain(facts.rtoVerdict);
      expect(text).toContain(facts.reason);
      for (const step of facts.steps) {
        expect(text).toContain(`${step.name} (${step.id})`);
      }
    }
    expect(email.text).toContain(`Incident status: ${OUTCOME_STATUS_URL}`);
    expect(hrefs(email.html)).toEqual([OUTCOME_STATUS_URL]);
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Incident status', url: OUTCOME_STATUS_URL },
    ]);
    expect(allStrings(card).filter((text) => text.includes('${'))).toEqual([]);
  });

  describe('a recovered failover', () => {
    const { email, card } = renderIncidentOutcome(recoveredFacts(), TEMPLATES);

    it('says the secondary proved healthy, lists every step and asks for nothing', () => {
      expect(email.text).toMatch(/^The failover for Orders API succeeded: the secondary proved healthy\.\n/);
      expect(email.text).toContain('  - [succeeded] Freeze writes (freeze-writes), 1 attempt\n');
      expect(email.text).toContain(
        '  - [succeeded] Promote the secondary database (promote-db), 2 attempts\n',
      );
      expect(email.text).toContain('No action is needed now');
      expect(email.text).not.toMatch(/FAILED|WHAT TO DO|partly failed over|Aborted by/);
      expect(decodeHtmlEntities(email.html)).not.toContain('What failed');
    });

    it('has a green heading and no failure panel on the card', () => {
      expect(heading(card)).toMatchObject({ text: 'DR activation: Recovered', color: 'Good' });
      expect(attentionContainer(card)).toBeUndefined();
      expect(ofType(card, 'TextBlock').filter((block) => block.style === 'heading')).toHaveLength(1);
    });
  });

  describe('a failed failover', () => {
    const { email, card } = renderIncidentOutcome(failedFacts(), TEMPLATES);

    it('puts what failed and what to do before everything else in the text', () => {
      const lines = email.text.split('\n');

      expect(lines.slice(0, 8)).toEqual([
        'The failover for Orders API FAILED: the workload is not recovered.',
        '',
        'WHAT FAILED',
        `  Step "Promote the secondary database" (promote-db) after 3 attempts: ${PROMOTE_DB_ERROR}`,
        '',
        'WHAT TO DO',
        "  Check the failed step's error. The secondary may be partly failed over: check the state of both regions before you finish the failover by hand or return to the primary.",
        '',
      ]);
      expect(email.text).toContain(
        `  - [FAILED] Promote the secondary database (promote-db), 3 attempts: ${PROMOTE_DB_ERROR}\n`,
      );
      expect(email.text).toContain('  - [not started] Switch DNS (switch-dns), no attempts\n');
    });

    it('opens the HTML with a red panel naming the failed step and its error', () => {
      const html = decodeHtmlEntities(email.html);
      const panel = html.slice(html.indexOf('<div'), html.indexOf('</div>'));

      expect(html.indexOf('<div')).toBeLessThan(html.indexOf('The <strong>failover</strong>'));
      expect(panel).toContain('border: 2px solid #a4262c');
      expect(panel).toContain('Failover FAILED: Orders API is not recovered');
      expect(panel).toContain(
        `<strong>Promote the secondary database</strong> (promote-db) after 3 attempts`,
      );
      expect(panel).toContain(`<code>${PROMOTE_DB_ERROR}</code>`);
      expect(panel).toContain("Check the failed step's error. The secondary may be partly failed over");
      expect(html).toMatch(
        /<tr style="background: #fde7e9"><td>Promote the secondary database \(promote-db\)<\/td><td style="color: #a4262c"><strong>FAILED<\/strong><\/td><td>3<\/td>/,
      );
    });

    it('has a red heading and an attention panel with the failed step on the card', () => {
      expect(heading(card)).toMatchObject({ text: 'DR activation: Failover FAILED', color: 'Attention' });
      const panel = attentionContainer(card);
      expect(panel).toBeDefined();
      expect(allStrings(panel)).toEqual(
        expect.arrayContaining([
          'What failed',
          'Promote the secondary database',
          ' (promote-db) after 3 attempts',
          PROMOTE_DB_ERROR,
          'What to do',
          expect.stringContaining("Check the failed step's error. The secondary may be partly failed over"),
        ]),
      );
      expect(card.body.indexOf(panel as never)).toBeLessThan(
        card.body.findIndex((element) => element.type === 'FactSet'),
      );
    });

    it('names the reason as what failed when no step failed (the validation did)', () => {
      const validationFailed = failedFacts({
        reason: 'Validation failed: 1 of 3 probes passed, 3 required',
        steps: [FREEZE_WRITES, PROMOTE_DB],
      });

      const rendered = renderIncidentOutcome(validationFailed, TEMPLATES);

      expect(rendered.email.text).toContain(
        'WHAT FAILED\n  Validation failed: 1 of 3 probes passed, 3 required\n',
      );
      expect(rendered.email.text).toContain('WHAT TO DO\n  The secondary may be partly failed over');
      expect(rendered.email.text).not.toContain("Check the failed step's error");
      expect(allStrings(attentionContainer(rendered.card))).toEqual(
        expect.arrayContaining(['Validation failed: 1 of 3 probes passed, 3 required']),
      );
      expect(allStrings(rendered.card).join('\n')).not.toContain("Check the failed step's error");
    });
  });

  describe('an aborted failover', () => {
    it('names who aborted it and warns that steps already run were not undone', () => {
      const { email, card } = renderIncidentOutcome(abortedFacts(), TEMPLATES);

      expect(email.text).toMatch(/^The failover for Orders API was aborted by Dana Operator\.\n/);
      expect(email.text).toContain('Aborted by: Dana Operator\n');
      expect(email.text).toContain('the secondary may be partly failed over');
      expect(email.text).toContain(
        '  - [not confirmed] Promote the secondary database (promote-db), 1 attempt\n',
      );
      expect(email.text).not.toMatch(/WHAT FAILED|No action is needed/);
      expect(decodeHtmlEntities(email.html)).toContain(
        '<th align="left">Aborted by</th><td>Dana Operator</td>',
      );
      expect(heading(card)).toMatchObject({ text: 'DR activation: Aborted', color: 'Warning' });
      expect(literalTexts(card)).toEqual(expect.arrayContaining(['Aborted by: ', 'Dana Operator']));
      expect(markdownTexts(card)).toContain(
        'Steps that had already run were not undone: the secondary may be partly failed over.',
      );
      expect(attentionContainer(card)).toBeUndefined();
    });

    it('says nothing was failed over when it was aborted before the runbook started', () => {
      const { email, card } = renderIncidentOutcome(
        abortedFacts({ abortedBy: undefined, steps: [] }),
        TEMPLATES,
      );

      expect(email.subject).toBe('[Lifeboat] Aborted: Orders API failover stopped after 5m 2s (RTO 15m)');
      expect(email.text).toMatch(/^The failover for Orders API was aborted by an operator\.\n/);
      for (const text of [email.text, decodeHtmlEntities(email.html), allStrings(card).join('\n')]) {
        expect(text).toContain('No runbook step had started, so nothing was failed over.');
        expect(text).toContain('No runbook steps were recorded.');
        expect(text).not.toMatch(/partly failed over|Aborted by/);
      }
    });
  });

  it('shows markup in workload names, reasons, step names and errors as text', () => {
    const facts = failedFacts({
      workloadName: `Orders ${SCRIPT_INJECTION}`,
      reason: `Reason ${ATTRIBUTE_INJECTION}`,
      steps: [
        {
          id: 'promote-db',
          name: `Promote ${ATTRIBUTE_INJECTION}`,
          status: 'failed',
          attempts: 1,
          error: `Bad gateway ${SCRIPT_INJECTION} [click](https://evil.example) cost \${budget}`,
        },
      ],
    });

    const { email, card } = renderIncidentOutcome(facts, TEMPLATES);

    expect(tagNames(email.html).filter((tag) => !TEMPLATE_TAGS.has(tag))).toEqual([]);
    expect(email.html).not.toContain(ATTRIBUTE_INJECTION);
    const html = decodeHtmlEntities(email.html);
    expect(html).toContain(`Orders ${SCRIPT_INJECTION}`);
    expect(html).toContain(`Reason ${ATTRIBUTE_INJECTION}`);
    expect(html).toContain(`Promote ${ATTRIBUTE_INJECTION}`);
    expect(html).toContain(`Bad gateway ${SCRIPT_INJECTION}`);
    // Plain text and the subject show data as it is, with no entities.
    expect(email.subject).toBe(
      `[Lifeboat] Failover FAILED: Orders ${SCRIPT_INJECTION} not recovered after 12m 3s (RTO 15m)`,
    );
    expect(email.text).toContain(
      `Bad gateway ${SCRIPT_INJECTION} [click](https://evil.example) cost \${budget}`,
    );
    // On the card, untrusted text is only ever in TextRuns, and `${budget}` stays literal.
    for (const text of markdownTexts(card)) {
      expect(text).not.toMatch(/<script|onerror|evil\.example|budget/);
    }
    expect(literalTexts(card)).toEqual(
      expect.arrayContaining([
        `Orders ${SCRIPT_INJECTION}`,
        `Reason ${ATTRIBUTE_INJECTION}`,
        `Bad gateway ${SCRIPT_INJECTION} [click](https://evil.example) cost \${budget}`,
      ]),
    );
    expect(allStrings(card).filter((text) => text.includes('${'))).toEqual([
      facts.steps[0]?.error,
      facts.steps[0]?.error,
    ]);
  });

  it('shows markup in the name of the operator who aborted as text', () => {
    const { email, card } = renderIncidentOutcome(
      abortedFacts({ abortedBy: `Mallory ${SCRIPT_INJECTION}` }),
      TEMPLATES,
    );

    expect(tagNames(email.html).filter((tag) => !TEMPLATE_TAGS.has(tag))).toEqual([]);
    expect(decodeHtmlEntities(email.html)).toContain(`<td>Mallory ${SCRIPT_INJECTION}</td>`);
    expect(email.text).toContain(`Aborted by: Mallory ${SCRIPT_INJECTION}\n`);
    for (const text of markdownTexts(card)) {
      expect(text).not.toContain('<script');
    }
    expect(literalTexts(card)).toEqual(
      expect.arrayContaining([`Mallory ${SCRIPT_INJECTION}`, ` was aborted by Mallory ${SCRIPT_INJECTION}.`]),
    );
  });

  it(`cuts step errors and the reason to ${OUTCOME_TEXT_MAX_CHARS} characters`, () => {
    const long = `${'x'.repeat(OUTCOME_TEXT_MAX_CHARS)}END`;
    const { email, card } = renderIncidentOutcome(
      failedFacts({ reason: long, steps: [{ ...PROMOTE_DB, status: 'failed', error: long }] }),
      TEMPLATES,
    );

    const cut = `${'x'.repeat(OUTCOME_TEXT_MAX_CHARS - 1)}…`;
    expect(email.text).toContain(cut);
    expect(email.text).not.toContain('END');
    expect(literalTexts(card)).toContain(cut);
    expect(allStrings(card).join('\n')).not.toContain('END');
  });

  it('leaves out what the facts do not have', () => {
    const { email, card } = renderIncidentOutcome(
      recoveredFacts({ reason: ' ', statusUrl: undefined, abortedBy: 'Ignored Operator' }),
      TEMPLATES,
    );

    for (const text of [email.text, email.html, ...allStrings(card)]) {
      expect(text).not.toMatch(/undefined|Reason|Aborted by|Ignored Operator|Incident status|\$\{/);
    }
    expect(hrefs(email.html)).toEqual([]);
    expect(card.actions).toEqual([]);
  });
});

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
