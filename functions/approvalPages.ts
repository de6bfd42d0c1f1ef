// The pages behind the signed Approve / Reject links. GET /api/approvals/{token} shows what the link would
// record and decides nothing (mail scanners and link previews fetch every link); the page's form POSTs the
// decision to the same URL. The token is the credential, so both routes are anonymous at the host.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { container } from '../shared/container';
import {
  APPROVAL_LINK_DECISIONS,
  type ApprovalLinkClaims,
} from '../shared/domain/approvalLinks/ApprovalLinkClaims';
import { verifyApprovalLink } from '../shared/domain/approvalLinks/verifyApprovalLink';
import { findWorkload, type Catalog } from '../shared/domain/catalog/Catalog';
import { compilePolicy } from '../shared/domain/catalog/compilePolicy';
import { contactKey, peopleInRoles } from '../shared/domain/catalog/contactsSchema';
import { policyRoles } from '../shared/domain/catalog/EffectivePolicy';
import {
  APPROVAL_DECISION_EVENT,
  approvalDecisionEventSchema,
  approvalInstanceId,
  FIRST_APPROVAL_ROUND,
  type ApprovalDecisionEvent,
} from '../shared/domain/contracts/approvalContracts';
import type { Incident } from '../shared/domain/incident/Incident';
import { errorMessage } from '../shared/errors';
import { invocationLogger, type Logger } from '../shared/logging';
import type {
  ApprovalLinkStore,
  ApprovalLinkUseKey,
  RecordedApprovalLinkUse,
} from '../shared/ports/ApprovalLinkStore';
import type { IncidentStore } from '../shared/ports/IncidentStore';
import type { ReadinessStore } from '../shared/ports/ReadinessStore';
import { readinessView } from '../shared/domain/readiness/readinessView';
import { regionDisplayName } from '../shared/domain/readiness/rpoExposure';
import type { Secret } from '../shared/Secret';
import {
  alreadyDecidedPage,
  approverName,
  CLOSED_OUTCOMES,
  confirmPage,
  type PageReadiness,
  decisionFacts,
  DECISION_LABELS,
  drillParagraph,
  drillTitle,
  incidentFacts,
  MAX_COMMENT_LENGTH,
  PAST_TENSE,
  refusedPage,
  resultPage,
} from './http/approvalPageViews';

export { MAX_COMMENT_LENGTH };
import { readBodyWithin } from './http/readBodyWithin';

export const MAX_DECISION_BODY_BYTES = 16 * 1024;
/**
 * How long a recorded decision may go without confirmed delivery before submitting the same link again
 * delivers it once more. Far longer than raising an event takes, so a double click or a second tab never
 * raises twice while the first delivery is in flight; short enough for "try again in a minute".
 */
export const REDELIVERY_AFTER_MS = 30_000;

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
const LINK_CHANNELS = ['email', 'teams'] as const;
const DEFAULT_CHANNEL = 'link';

/** What the confirmation page needs: nothing that could record or deliver a decision. */
export interface ApprovalPageDeps {
  /** LIFEBOAT_SIGNING_KEY; without it no link can be checked (503). */
  readonly signingKey: Secret | undefined;
  readonly incidents: IncidentStore;
  /** The approver's display name comes from the workload's contacts. */
  readonly catalog: Catalog;
  readonly log: Logger;
  /** The workload's latest readiness, shown on the page (absent: not shown). */
  readonly readiness?: Pick<ReadinessStore, 'latest'>;
  now(): Date;
}

export interface ApprovalDecisionDeps extends ApprovalPageDeps {
  readonly links: ApprovalLinkStore;
  /** Raises APPROVAL_DECISION_EVENT on the approval instance; rejects when that failed. */
  raiseDecision(instanceId: string, event: ApprovalDecisionEvent): Promise<void>;
}

const decisionFormSchema = z.object({
  /** The page repeats the link's decision; a form saying otherwise did not come from the page. */
  decision: z.enum(APPROVAL_LINK_DECISIONS).optional(),
  comment: z
    .string()
    // Browsers submit a textarea's line breaks as CRLF but count them as one character against maxlength.
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(MAX_COMMENT_LENGTH, `The comment is limited to ${MAX_COMMENT_LENGTH} characters.`))
    .optional(),
  channel: z.string().optional(),
});
type DecisionForm = z.infer<typeof decisionFormSchema>;

/** The latest readiness, as of the page: a store that cannot answer leaves it out rather than the page. */
async function pageReadiness(deps: ApprovalPageDeps, workloadId: string): Promise<PageReadiness | undefined> {
  const workload = findWorkload(deps.catalog, workloadId);
  if (deps.readiness === undefined || workload === undefined) return undefined;
  try {
    const latest = await deps.readiness.latest(workloadId);
    if (latest === undefined) return undefined;
    const view = readinessView(workload, latest, deps.now());
    return {
      text: `${regionDisplayName(workload.regions.secondary)}: ${view.state.toUpperCase().replace('-', ' ')}`,
      at: view.evaluatedAt,
      reasons: view.reasons,
      ...(view.rpoExposure
        ? { rpoExposure: { text: view.rpoExposure.text, withinRpo: view.rpoExposure.withinRpo } }
        : {}),
    };
  } catch (err) {
    deps.log.warn('Readiness could not be read for the approval page', { error: errorMessage(err) });
    return undefined;
  }
}

export async function handleApprovalPage(
  request: HttpRequest,
  deps: ApprovalPageDeps,
): Promise<HttpResponseInit> {
  try {
    const link = await checkLink(request, deps, deps.now());
    if (!link.ok) return link.response;
    return confirmPage(
      link.claims,
      link.incident,
      deps.catalog,
      linkChannel(request.query.get('via')),
      await pageReadiness(deps, link.incident.workloadId),
    );
  } catch (err) {
    return faultPage(deps.log, err);
  }
}

/**
 * Records the link's decision once, then delivers it. The order is deliberate: the single use is taken
 * first (one atomic write), so two submissions, or the Approve and the Reject link, can never both be
 * raised. Only the recorded decision is ever raised, and raising it again is harmless because the approval
 * orchestration counts one decision per approver. So a use is never released when raising fails (the
 * other link could then win the store while the first event, delivered after all, won the approval):
 * it stays recorded, unmarked, and submitting the same link again after REDELIVERY_AFTER_MS raises it again.
 */
export async function handleApprovalDecision(
  request: HttpRequest,
  deps: ApprovalDecisionDeps,
): Promise<HttpResponseInit> {
  try {
    const form = await readDecisionForm(request);
    if (!form.ok) return form.response;
    const now = deps.now();
    const link = await checkLink(request, deps, now);
    if (!link.ok) return link.response;
    const { claims, incident } = link;
    if (form.value.decision !== undefined && form.value.decision !== claims.decision) {
      return resultPage(400, 'refused', 'This form does not match its link', [
        'The form asks for a different decision than the link carries. Open the link again from the original message; nothing was decided.',
      ]);
    }

    const key: ApprovalLinkUseKey = {
      incidentId: claims.incidentId,
      round: claims.round,
      approver: claims.approver,
    };
    const comment = form.value.comment || undefined;
    const use = {
      decision: claims.decision,
      channel: linkChannel(form.value.channel),
      at: now.toISOString(),
      ...(comment === undefined ? {} : { comment }),
    };
    // Built (and validated) before the use is taken, so nothing can fail between taking it and raising it.
    let event = decisionEvent(claims.approver, approverName(deps.catalog, incident, claims.approver), use);
    const consumption = await deps.links.consume({ ...key, ...use, nonce: claims.nonce });
    if (!consumption.consumed) {
      const { previous } = consumption;
      if (!isStalledDelivery(previous, claims, now)) {
        return alreadyDecidedPage(incident, previous, previous.deliveredAt === undefined);
      }
      event = decisionEvent(claims.approver, event.name, previous);
    }
    return await deliver(deps, key, incident, event);
  } catch (err) {
    return faultPage(deps.log, err);
  }
}

/** A decision recorded a while ago, same as this link's, whose delivery was never confirmed. */
function isStalledDelivery(
  previous: RecordedApprovalLinkUse,
  claims: ApprovalLinkClaims,
  now: Date,
): boolean {
  return (
    previous.deliveredAt === undefined &&
    previous.decision === claims.decision &&
    now.getTime() - Date.parse(previous.at) >= REDELIVERY_AFTER_MS
  );
}

async function deliver(
  deps: ApprovalDecisionDeps,
  key: ApprovalLinkUseKey,
  incident: Incident,
  event: ApprovalDecisionEvent,
): Promise<HttpResponseInit> {
  const ids = {
    incidentId: key.incidentId,
    round: key.round,
    decision: event.decision,
    channel: event.channel,
  };
  try {
    await deps.raiseDecision(approvalInstanceId(key.incidentId, key.round), event);
  } catch (err) {
    deps.log.warn('Approval decision recorded but not delivered', { ...ids, error: errorMessage(err) });
    return resultPage(
      503,
      'info',
      drillTitle('Decision recorded, not yet delivered', incident),
      [
        ...drillParagraph(incident),
        `Your decision (${DECISION_LABELS[event.decision]}) is recorded and will not change, but Lifeboat could not pass it to the approval yet.`,
        'Open this link again in a minute and submit it once more to deliver it.',
      ],
      decisionFacts(incident, event),
    );
  }
  try {
    await deps.links.markDelivered(key, deps.now().toISOString());
  } catch (err) {
    // Delivered all the same; the worst this costs is one more (ignored) raise if the link is resubmitted.
    deps.log.warn('Approval decision delivered but not marked delivered', {
      ...ids,
      error: errorMessage(err),
    });
  }
  deps.log.info('Approval decision recorded', ids);
  return resultPage(
    200,
    'done',
    drillTitle('Decision recorded', incident),
    [
      ...drillParagraph(incident),
      `You ${PAST_TENSE[event.decision]} for incident ${incident.id}. Your decision has been passed to the approval.`,
    ],
    decisionFacts(incident, event),
  );
}

type LinkCheck =
  | { readonly ok: true; readonly claims: ApprovalLinkClaims; readonly incident: Incident }
  | { readonly ok: false; readonly response: HttpResponseInit };

/**
 * What GET and POST both check, in this order: the key is configured; the token is authentic and unexpired
 * (checked again on POST: the page may have sat open past the expiry); the incident exists; its approval
 * is this link's round, the approver has not decided yet, and it is still pending.
 */
async function checkLink(request: HttpRequest, deps: ApprovalPageDeps, now: Date): Promise<LinkCheck> {
  if (deps.signingKey === undefined) {
    deps.log.error('Approval link used but LIFEBOAT_SIGNING_KEY is not configured');
    return refuse(
      resultPage(503, 'refused', 'Approval links are not available', [
        'Lifeboat cannot check approval links because no signing key is configured. Nothing was decided; please tell the Lifeboat operators.',
      ]),
    );
  }
  const verified = verifyApprovalLink(request.params.token ?? '', deps.signingKey, now);
  if (!verified.ok) {
    deps.log.info('Approval link refused', { reason: verified.reason });
    return refuse(refusedPage(verified.reason));
  }
  const { claims } = verified;
  const incident = await deps.incidents.get(claims.incidentId);
  if (incident === undefined) {
    deps.log.info('Approval link for an unknown incident', { incidentId: claims.incidentId });
    return refuse(
      resultPage(
        404,
        'refused',
        'Incident not found',
        ['Lifeboat has no record of the incident this link is for. Nothing was decided.'],
        [{ label: 'Incident', value: claims.incidentId }],
      ),
    );
  }
  const approval = incident.approval;
  if (approval === undefined) {
    return refuse(
      resultPage(
        409,
        'info',
        'No approval is open',
        ['This incident has no approval request, so there is nothing to decide. Nothing was recorded.'],
        incidentFacts(incident),
      ),
    );
  }
  // Records written before rounds existed are the first round.
  if ((approval.round ?? FIRST_APPROVAL_ROUND) !== claims.round) {
    deps.log.info('Approval link refused', { incidentId: incident.id, reason: 'wrong-round' });
    return refuse(refusedPage('wrong-round', incident));
  }
  if (!isAskedApprover(deps.catalog, incident, claims.approver)) {
    // Signed by Lifeboat, but for someone the workload no longer asks (removed from the contact matrix,
    // or moved out of every approval role since the link was sent).
    deps.log.info('Approval link refused', { incidentId: incident.id, reason: 'wrong-approver' });
    return refuse(refusedPage('wrong-approver', incident));
  }
  const own = approval.decisions.find((d) => d.approver === claims.approver);
  if (own !== undefined) {
    return refuse(alreadyDecidedPage(incident, own, false));
  }
  if (approval.status !== 'pending') {
    return refuse(
      resultPage(
        409,
        'info',
        'This approval is closed',
        [`The approval for this incident ${CLOSED_OUTCOMES[approval.status]}. Nothing was recorded for you.`],
        incidentFacts(incident),
      ),
    );
  }
  return { ok: true, claims, incident };
}

function refuse(response: HttpResponseInit): LinkCheck {
  return { ok: false, response };
}

async function readDecisionForm(
  request: HttpRequest,
): Promise<{ ok: true; value: DecisionForm } | { ok: false; response: HttpResponseInit }> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== FORM_MEDIA_TYPE) {
    return {
      ok: false,
      response: resultPage(415, 'refused', 'This form cannot be read', [
        'Send the decision with the button on the approval page. Nothing was decided.',
      ]),
    };
  }
  const read = await readBodyWithin(request, MAX_DECISION_BODY_BYTES);
  if (!read.ok) {
    return {
      ok: false,
      response: resultPage(413, 'refused', 'This form is too large', [
        `The comment is limited to ${MAX_COMMENT_LENGTH} characters. Nothing was decided.`,
      ]),
    };
  }
  const fields = Object.fromEntries(new URLSearchParams(read.bytes.toString('utf8')));
  const parsed = decisionFormSchema.safeParse(fields);
  if (!parsed.success) {
    return {
      ok: false,
      response: resultPage(400, 'refused', 'This form is not valid', [
        ...parsed.error.issues.map((issue) => issue.message),
        'Nothing was decided.',
      ]),
    };
  }
  return { ok: true, value: parsed.data };
}

/** How the link reached the approver (its `?via=`, carried by the form); anything else is a plain link. */
function linkChannel(value: string | null | undefined): string {
  return LINK_CHANNELS.find((channel) => channel === value) ?? DEFAULT_CHANNEL;
}

/** Whether the workload's policy asks `approver` (by contact key) at any escalation level. */
function isAskedApprover(catalog: Catalog, incident: Incident, approver: string): boolean {
  const workload = findWorkload(catalog, incident.workloadId);
  if (workload === undefined) {
    return false;
  }
  return peopleInRoles(workload.contacts, policyRoles(compilePolicy(workload))).some(
    (contact) => contactKey(contact) === approver,
  );
}

function decisionEvent(
  approver: string,
  name: string | undefined,
  use: { decision: ApprovalDecisionEvent['decision']; channel: string; at: string; comment?: string },
): ApprovalDecisionEvent {
  return approvalDecisionEventSchema.parse({
    approver,
    ...(name === undefined ? {} : { name }),
    decision: use.decision,
    channel: use.channel,
    at: use.at,
    ...(use.comment === undefined ? {} : { comment: use.comment }),
  });
}

/** Unexpected faults (a store down): a page with the security headers, never a stack trace. */
function faultPage(log: Logger, err: unknown): HttpResponseInit {
  log.error('Approval link page failed', { error: errorMessage(err) });
  return resultPage(500, 'refused', 'Something went wrong', [
    'Lifeboat could not process this link just now. Try it again in a minute.',
  ]);
}

// ---- Registration: dependencies from the container, the durable client for POST ----

function pageDeps(context: InvocationContext): ApprovalPageDeps {
  const wiring = container();
  return {
    signingKey: wiring.config.signingKey,
    incidents: wiring.incidentStore(),
    catalog: wiring.catalog(),
    log: invocationLogger(context),
    readiness: wiring.readinessStore(),
    now: () => wiring.now(),
  };
}

app.http('approvalPage', {
  route: 'approvals/{token}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (request, context) => handleApprovalPage(request, pageDeps(context)),
});
app.http('approvalDecision', {
  route: 'approvals/{token}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: (request, context) => {
    const client = df.getClient(context);
    return handleApprovalDecision(request, {
      ...pageDeps(context),
      links: container().approvalLinkStore(),
      raiseDecision: (instanceId, event) => client.raiseEvent(instanceId, APPROVAL_DECISION_EVENT, event),
    });
  },
});
