// The approval link pages through their handlers, with the real embedded incident and link stores, a
// typed fake recording the decisions raised, and real HttpRequest objects as a browser would send them.
import {
  handleApprovalDecision,
  handleApprovalPage,
  MAX_COMMENT_LENGTH,
  MAX_DECISION_BODY_BYTES,
  REDELIVERY_AFTER_MS,
} from '../../../functions/approvalPages';
import { approvalDecisionEventSchema } from '../../../shared/domain/contracts/approvalContracts';
import type { NewIncident } from '../../../shared/domain/incident/Incident';
import type { IncidentApproval } from '../../../shared/domain/incident/IncidentApproval';
import { OTHER_KEY } from '../shared/domain/approvalLinks/approvalLinkTestSupport';
import { afterDetection, SECOND } from '../shared/domain/incident/incidentTestSupport';
import {
  ALICE,
  approvalPagesFixture,
  awaitingApproval,
  decisionRequest,
  expectPage,
  INCIDENT_ID,
  issueLink,
  LINK_LIFETIME_SECONDS,
  NOW,
  pageRequest,
  type ApprovalPagesFixture,
} from './approvalPagesTestSupport';

const ROUND_1 = `${INCIDENT_ID}:approval:1`;

let fixture: ApprovalPagesFixture;

afterEach(() => fixture.dispose());

/** A fresh fixture holding `stored` incidents (by default, the one awaiting approval). */
async function given(...stored: NewIncident[]): Promise<ApprovalPagesFixture> {
  fixture = await approvalPagesFixture(stored.length === 0 ? [awaitingApproval()] : stored);
  return fixture;
}

function post(token: string, fields?: Record<string, string>) {
  return handleApprovalDecision(decisionRequest(token, fields), fixture.deps);
}

function get(token: string, query?: string) {
  return handleApprovalPage(pageRequest(token, query), fixture.deps);
}

function expectNothingDecided(): void {
  expect(fixture.links.presented).toEqual([]);
  expect(fixture.delivery.raised).toEqual([]);
}

/** Changes one character in the middle of the payload part, keeping the token's alphabet and shape. */
function tamper(token: string): string {
  const at = 10;
  const replacement = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}

describe('GET /api/approvals/{token}', () => {
  it('shows what the link would record, for whom and until when, and decides nothing', async () => {
    await given();
    const { token } = issueLink();

    const html = expectPage(await get(token, '?via=email'), 200);

    expect(html).toContain('Approve DR activation?');
    expect(html).toContain(INCIDENT_ID);
    expect(html).toContain('Orders API');
    expect(html).toContain('Sev1');
    expect(html).toContain('<li>Sev1 or worse fired</li>');
    expect(html).toContain('<li>sustained for 5m</li>');
    expect(html).toContain('Alice (alice@example.com)');
    expect(html).toContain('2026-11-22 04:20 UTC');
    expect(html).toContain(`<textarea id="comment" name="comment" maxlength="${MAX_COMMENT_LENGTH}">`);
    expect(html).toContain('<input type="hidden" name="channel" value="email" />');
    expect(html).toContain('<button type="submit" class="approve">Approve DR activation</button>');
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).not.toContain('<script');
    expectNothingDecided();
  });

  it('asks to reject for the Reject link', async () => {
    await given();

    const html = expectPage(await get(issueLink({ decision: 'reject' }).token), 200);

    expect(html).toContain('Reject DR activation?');
    expect(html).toContain('<input type="hidden" name="decision" value="reject" />');
    expect(html).toContain('<button type="submit" class="reject">Reject</button>');
  });

  it.each([
    ['?via=teams', 'teams'],
    ['?via=email', 'email'],
    ['', 'link'],
    ['?via=carrier-pigeon', 'link'],
    ['?via=%22%3E%3Cscript%3E', 'link'],
  ])('takes the channel from the link (%p → %s)', async (query, channel) => {
    await given();

    const html = expectPage(await get(issueLink().token, query), 200);

    expect(html).toContain(`<input type="hidden" name="channel" value="${channel}" />`);
  });

  it('shows the result page instead of the form once the approval is decided', async () => {
    await given(awaitingApproval({ approval: approvedByBob() }));

    const html = expectPage(await get(issueLink().token), 409);

    expect(html).toContain('This approval is closed');
    expect(html).toContain('has been approved');
    expect(html).not.toContain('<form');
    expectNothingDecided();
  });

  it('escapes what alerts and catalog authors wrote: no markup from the data reaches the page', async () => {
    await given(
      awaitingApproval({
        workloadName: '<script>alert("workload")</script>',
        activation: {
          decision: 'activate',
          reasons: ['"><img src=x onerror=alert(1)>', "{{#x}}it's{{/x}} & more"],
          evaluatedAt: afterDetection(290 * SECOND),
        },
      }),
    );

    const html = expectPage(await get(issueLink().token), 200);

    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;workload&quot;)&lt;&#x2F;script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).toContain('{{#x}}it&#39;s{{&#x2F;x}} &amp; more');
  });
});

describe('POST /api/approvals/{token}', () => {
  it('records the decision once and raises it to the approval of its round', async () => {
    await given();
    const { token, claims } = issueLink();

    const html = expectPage(
      await post(token, { decision: 'approve', channel: 'email', comment: ' Go. ' }),
      200,
    );

    expect(html).toContain('Decision recorded');
    expect(html).toContain(`You approved DR activation for incident ${INCIDENT_ID}`);
    expect(fixture.delivery.raised).toEqual([
      {
        instanceId: ROUND_1,
        event: {
          approver: ALICE,
          name: 'Alice',
          decision: 'approve',
          channel: 'email',
          at: NOW.toISOString(),
          comment: 'Go.',
        },
      },
    ]);
    expect(approvalDecisionEventSchema.safeParse(fixture.delivery.raised[0]?.event).success).toBe(true);
    expect(fixture.links.presented).toEqual([
      {
        incidentId: INCIDENT_ID,
        round: 1,
        approver: ALICE,
        decision: 'approve',
        nonce: claims.nonce,
        channel: 'email',
        at: NOW.toISOString(),
        comment: 'Go.',
      },
    ]);
  });

  it('records a Reject link as a rejection, without a comment when none was written', async () => {
    await given();

    expectPage(
      await post(issueLink({ decision: 'reject' }).token, { channel: 'teams', comment: '   ' }),
      200,
    );

    expect(fixture.delivery.raised.map((r) => r.event)).toEqual([
      { approver: ALICE, name: 'Alice', decision: 'reject', channel: 'teams', at: NOW.toISOString() },
    ]);
  });

  it('treats an unknown channel as a plain link', async () => {
    await given();

    expectPage(await post(issueLink().token, { channel: 'fax' }), 200);

    expect(fixture.delivery.raised[0]?.event.channel).toBe('link');
  });

  it('answers a second POST of the same link with "already decided", saying what and when', async () => {
    await given();
    const { token } = issueLink();
    await post(token);
    fixture.clock.advance(5 * 60 * SECOND);

    const html = expectPage(await post(token), 409);

    expect(html).toContain('You have already decided');
    expect(html).toContain('You approved DR activation on 2026-11-22 03:20 UTC via email');
    expect(fixture.delivery.raised).toHaveLength(1);
  });

  it('lets the first link win: the Reject link after the Approve link is "already decided"', async () => {
    await given();
    await post(issueLink().token);

    const html = expectPage(await post(issueLink({ decision: 'reject' }).token), 409);

    expect(html).toContain('You approved DR activation');
    expect(fixture.delivery.raised.map((r) => r.event.decision)).toEqual(['approve']);
  });

  it('raises exactly one event for two concurrent POSTs of one link', async () => {
    await given();
    const { token } = issueLink();

    const responses = await Promise.all([post(token), post(token)]);

    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(fixture.delivery.raised).toHaveLength(1);
  });

  it('raises exactly one event when the Approve and the Reject link are posted at once', async () => {
    await given();

    const responses = await Promise.all([
      post(issueLink().token),
      post(issueLink({ decision: 'reject' }).token),
    ]);

    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(fixture.delivery.raised).toHaveLength(1);
  });

  it('tells an approver the approval already holds that they decided, even with a fresh link', async () => {
    await given(
      awaitingApproval({
        approval: {
          round: 1,
          status: 'pending',
          quorum: { required: 2, approvals: 1, rejections: 0 },
          decisions: [
            {
              approver: ALICE,
              name: 'Alice',
              decision: 'approve',
              channel: 'teams',
              at: afterDetection(600 * SECOND),
            },
          ],
        },
      }),
    );

    const html = expectPage(await post(issueLink({ decision: 'reject' }).token), 409);

    expect(html).toContain('You approved DR activation on 2026-11-22 03:22 UTC via Teams');
    expectNothingDecided();
  });

  it.each([
    ['approved', 'has been approved'],
    ['rejected', 'has been rejected'],
    ['expired', 'expired before enough approvers decided'],
    ['auto-approved', 'approved automatically by the workload&#39;s policy'],
    ['cancelled', 'was cancelled because the incident was aborted'],
  ] as const)('refuses once others have closed the approval (%s)', async (status, says) => {
    await given(awaitingApproval({ approval: { ...approvedByBob(), status } }));

    const html = expectPage(await post(issueLink().token), 409);

    expect(html).toContain('This approval is closed');
    expect(html).toContain(says);
    expectNothingDecided();
  });

  it('refuses a form that asks for the other decision than its link', async () => {
    await given();

    const html = expectPage(await post(issueLink().token, { decision: 'reject', channel: 'email' }), 400);

    expect(html).toContain('This form does not match its link');
    expectNothingDecided();
  });

  describe('when delivering the decision fails after it was recorded', () => {
    it('says so (503), keeps the decision, and delivers it when the same link is submitted again later', async () => {
      await given();
      const { token } = issueLink();
      fixture.delivery.failure = new Error('Webhook returned status code 500');

      const failed = expectPage(await post(token, { channel: 'email', comment: 'first' }), 503);
      expect(failed).toContain('Decision recorded, not yet delivered');
      expect(failed).toContain('Open this link again in a minute');
      expect(fixture.log.lines).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'Approval decision recorded but not delivered' }),
      );

      fixture.delivery.failure = undefined;
      const atOnce = expectPage(await post(token), 409);
      expect(atOnce).toContain('still on its way');
      expect(fixture.delivery.raised).toEqual([]);

      fixture.clock.advance(REDELIVERY_AFTER_MS);
      expectPage(await post(token, { channel: 'teams', comment: 'second' }), 200);
      // The recorded decision, as it was recorded: the retry's channel and comment change nothing.
      expect(fixture.delivery.raised).toEqual([
        {
          instanceId: ROUND_1,
          event: {
            approver: ALICE,
            name: 'Alice',
            decision: 'approve',
            channel: 'email',
            at: NOW.toISOString(),
            comment: 'first',
          },
        },
      ]);

      fixture.clock.advance(REDELIVERY_AFTER_MS);
      expectPage(await post(token), 409);
      expect(fixture.delivery.raised).toHaveLength(1);
    });

    it('never delivers the other link instead: the Reject link stays "already decided"', async () => {
      await given();
      fixture.delivery.failure = new Error('unreachable');
      expectPage(await post(issueLink().token), 503);
      fixture.delivery.failure = undefined;
      fixture.clock.advance(REDELIVERY_AFTER_MS);

      const html = expectPage(await post(issueLink({ decision: 'reject' }).token), 409);

      expect(html).toContain('open your Approve link again');
      expect(fixture.delivery.raised).toEqual([]);
    });
  });
});

describe('links that cannot decide (GET and POST alike; nothing is consumed or raised)', () => {
  const cases: {
    name: string;
    token: () => string;
    status: number | readonly number[];
    says: string;
    setUp?: (f: ApprovalPagesFixture) => void;
    /** What the store holds (by default, the incident awaiting approval). */
    stored?: NewIncident[];
  }[] = [
    {
      name: 'a tampered link (one character changed)',
      token: () => tamper(issueLink().token),
      status: [400, 403],
      says: 'not valid',
    },
    {
      name: 'a forged link (signed with another key)',
      token: () => issueLink({}, OTHER_KEY).token,
      status: 403,
      says: 'This link is not valid',
    },
    { name: 'garbage', token: () => 'not-a-token', status: 400, says: 'This link is not valid' },
    {
      name: 'a link for someone the workload does not ask to approve (wrong approver)',
      token: () => issueLink({ approver: 'mallory@example.com' }).token,
      status: 403,
      says: 'not valid',
    },
    {
      name: 'an expired link (the clock past its expiry)',
      token: () => issueLink().token,
      setUp: (f) => f.clock.advance(LINK_LIFETIME_SECONDS * SECOND),
      status: 410,
      says: 'This link has expired',
    },
    {
      name: 'a link of another round (round 2 while the record is round 1)',
      token: () => issueLink({ round: 2 }).token,
      status: 409,
      says: 'This link has been superseded',
    },
    {
      name: 'a link of round 2 when the record has no round (written before rounds, so round 1)',
      token: () => issueLink({ round: 2 }).token,
      stored: [awaitingApproval({ approval: { ...pendingApproval(), round: undefined } })],
      status: 409,
      says: 'superseded',
    },
    {
      name: 'a link for another incident, which Lifeboat does not have',
      token: () => issueLink({ incidentId: 'payments-20261122-031205' }).token,
      status: 404,
      says: 'Incident not found',
    },
    {
      name: 'a link for an incident that does not exist (any more)',
      token: () => issueLink().token,
      stored: [],
      status: 404,
      says: 'Incident not found',
    },
    {
      name: 'a link for an incident with no approval request',
      token: () => issueLink().token,
      stored: [awaitingApproval({ status: 'observing', approval: undefined })],
      status: 409,
      says: 'No approval is open',
    },
  ];

  describe.each(cases)('$name', ({ token, status, says, setUp, stored }) => {
    const statuses = typeof status === 'number' ? [status] : status;

    beforeEach(async () => {
      fixture = await approvalPagesFixture(stored);
    });

    it('POST refuses it', async () => {
      setUp?.(fixture);

      const response = await post(token());

      expect(statuses).toContain(response.status);
      expect(expectPage(response, response.status ?? 0)).toContain(says);
      expectNothingDecided();
    });

    it('GET shows the same refusal and no form', async () => {
      setUp?.(fixture);

      const response = await get(token());

      expect(statuses).toContain(response.status);
      const html = expectPage(response, response.status ?? 0);
      expect(html).toContain(says);
      expect(html).not.toContain('<form');
      expectNothingDecided();
    });
  });

  it('decides only the incident its link names, whichever incident the approver meant', async () => {
    const later = awaitingApproval({ id: 'orders-api-20261122-041500' });
    await given(awaitingApproval(), later);
    const laterLink = issueLink({ incidentId: later.id });

    const page = expectPage(await get(laterLink.token), 200);
    expectPage(await post(laterLink.token), 200);

    expect(page).toContain(later.id);
    expect(page).not.toContain(INCIDENT_ID);
    expect(fixture.delivery.raised.map((r) => r.instanceId)).toEqual([`${later.id}:approval:1`]);
    expect(fixture.links.presented.map((u) => u.incidentId)).toEqual([later.id]);
  });

  it('a record without a round counts as round 1: its round-1 links still decide', async () => {
    await given(awaitingApproval({ approval: { ...pendingApproval(), round: undefined } }));

    expectPage(await post(issueLink().token), 200);

    expect(fixture.delivery.raised.map((r) => r.instanceId)).toEqual([ROUND_1]);
  });

  it('expiry is checked again on POST: a page left open past the expiry decides nothing', async () => {
    await given();
    const { token } = issueLink();
    expectPage(await get(token), 200);
    fixture.clock.advance(LINK_LIFETIME_SECONDS * SECOND);

    expectPage(await post(token), 410);

    expectNothingDecided();
  });

  it('answers 503 on both routes when no signing key is configured', async () => {
    await given();
    const deps = { ...fixture.deps, signingKey: undefined };
    const { token } = issueLink();

    expect(expectPage(await handleApprovalPage(pageRequest(token), deps), 503)).toContain(
      'Approval links are not available',
    );
    expectPage(await handleApprovalDecision(decisionRequest(token), deps), 503);
    expectNothingDecided();
  });
});

describe('what the POST accepts', () => {
  it.each([
    ['JSON', 'application/json', '{"decision":"approve"}'],
    ['plain text', 'text/plain', 'decision=approve'],
    ['multipart', 'multipart/form-data; boundary=x', '--x--'],
    ['no content type', null, 'decision=approve'],
  ])('refuses %s with 415', async (_name, contentType, body) => {
    await given();

    const response = await handleApprovalDecision(
      decisionRequest(issueLink().token, {}, { contentType, body }),
      fixture.deps,
    );

    expect(expectPage(response, 415)).toContain('This form cannot be read');
    expectNothingDecided();
  });

  it('accepts the form media type with a charset parameter', async () => {
    await given();

    const response = await handleApprovalDecision(
      decisionRequest(
        issueLink().token,
        {},
        {
          contentType: 'Application/X-WWW-Form-URLEncoded; charset=UTF-8',
          body: 'channel=email',
        },
      ),
      fixture.deps,
    );

    expectPage(response, 200);
  });

  it(`refuses a body over ${MAX_DECISION_BODY_BYTES} bytes with 413`, async () => {
    await given();

    const response = await post(issueLink().token, { comment: 'x'.repeat(MAX_DECISION_BODY_BYTES) });

    expect(expectPage(response, 413)).toContain('This form is too large');
    expectNothingDecided();
  });

  it(`refuses a comment over ${MAX_COMMENT_LENGTH} characters with 400, and accepts one of exactly that`, async () => {
    await given();
    const { token } = issueLink();

    expect(expectPage(await post(token, { comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }), 400)).toContain(
      `The comment is limited to ${MAX_COMMENT_LENGTH} characters.`,
    );
    expectNothingDecided();

    // Browsers send line breaks as CRLF but count them once against maxlength.
    const comment = `${'x'.repeat(MAX_COMMENT_LENGTH - 2)}\r\ny`;
    expectPage(await post(token, { comment }), 200);
    expect(fixture.delivery.raised[0]?.event.comment).toHaveLength(MAX_COMMENT_LENGTH);
  });

  it('escapes the comment on the result page', async () => {
    await given();

    const html = expectPage(await post(issueLink().token, { comment: '<b>go</b>' }), 200);

    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;go&lt;&#x2F;b&gt;');
  });
});

describe('faults and logs', () => {
  it('answers a page with the security headers, not a stack trace, when a store fails', async () => {
    await given();
    fixture.db.close();

    const html = expectPage(await post(issueLink().token), 500);

    expect(html).toContain('Something went wrong');
    expect(fixture.log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'Approval link page failed' }),
    );
  });

  it('never logs a token or a nonce', async () => {
    await given();
    const used = issueLink();
    const forged = issueLink({}, OTHER_KEY);
    const superseded = issueLink({ round: 2 });
    await get(used.token);
    await post(used.token);
    await post(used.token);
    await post(forged.token);
    await post(superseded.token);
    fixture.delivery.failure = new Error('unreachable');
    const undelivered = issueLink({ approver: 'bob@example.com' });
    await post(undelivered.token);

    const logged = fixture.log.text();
    expect(fixture.log.lines.length).toBeGreaterThan(0);
    for (const { token, claims } of [used, forged, superseded, undelivered]) {
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(token.split('.')[1]);
      expect(logged).not.toContain(claims.nonce);
    }
  });
});

function pendingApproval(): IncidentApproval {
  return {
    round: 1,
    status: 'pending',
    quorum: { required: 2, approvals: 0, rejections: 0 },
    decisions: [],
  };
}

function approvedByBob(): IncidentApproval {
  return {
    round: 1,
    status: 'approved',
    quorum: { required: 1, approvals: 1, rejections: 0 },
    decisions: [
      {
        approver: 'bob@example.com',
        decision: 'approve',
        channel: 'email',
        at: afterDetection(400 * SECOND),
      },
    ],
  };
}
