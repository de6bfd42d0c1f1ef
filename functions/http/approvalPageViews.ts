// The approval link pages as people see them: the confirmation page, and the result pages for a decision
// recorded, already made, closed or refused. Rendered from templates/pages with every value escaped.
import type { HttpResponseInit } from '@azure/functions';
import type { ApprovalLinkClaims } from '../../shared/domain/approvalLinks/ApprovalLinkClaims';
import {
  refusalMessage,
  type ApprovalLinkRefusalReason,
} from '../../shared/domain/approvalLinks/refusalMessage';
import { findWorkload, type Catalog } from '../../shared/domain/catalog/Catalog';
import { contactByKey } from '../../shared/domain/catalog/contactsSchema';
import type { ApprovalDecisionEvent } from '../../shared/domain/contracts/approvalContracts';
import { APPROVAL_CANCELLED_REASON } from '../../shared/domain/incident/abort';
import type { Incident } from '../../shared/domain/incident/Incident';
import type { ApprovalStatus } from '../../shared/domain/incident/IncidentApproval';
import { drillLabel } from '../../shared/domain/incident/IncidentDrill';
import { drillBanner } from '../../shared/domain/notifications/base/markDrill';
import { htmlResponse, renderPage } from './htmlResponse';

export const MAX_COMMENT_LENGTH = 2000;

export const DECISION_LABELS: Record<ApprovalLinkClaims['decision'], string> = {
  approve: 'Approve DR activation',
  reject: 'Reject',
};
const CONFIRM_TITLES: Record<ApprovalLinkClaims['decision'], string> = {
  approve: 'Approve DR activation?',
  reject: 'Reject DR activation?',
};
const LINK_NAMES: Record<ApprovalLinkClaims['decision'], string> = { approve: 'Approve', reject: 'Reject' };
export const PAST_TENSE: Record<ApprovalLinkClaims['decision'], string> = {
  approve: 'approved DR activation',
  reject: 'rejected DR activation',
};
export const CLOSED_OUTCOMES: Record<ApprovalStatus, string> = {
  pending: 'is still waiting for decisions',
  approved: 'has been approved: DR activation goes ahead',
  rejected: 'has been rejected: DR activation will not go ahead',
  expired: 'expired before enough approvers decided',
  'auto-approved': "was approved automatically by the workload's policy when nobody decided in time",
  cancelled: `was cancelled because ${APPROVAL_CANCELLED_REASON}`,
};
const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  email: 'email',
  teams: 'Teams',
  api: 'the operator API',
};
const REFUSAL_STATUS: Record<ApprovalLinkRefusalReason, number> = {
  malformed: 400,
  'bad-signature': 403,
  'wrong-incident': 403,
  'wrong-approver': 403,
  expired: 410,
  'wrong-round': 409,
};

interface Fact {
  readonly label: string;
  readonly value: string;
}
type Tone = 'done' | 'info' | 'refused';

/** The secondary's latest readiness as the confirmation page shows it. */
export interface PageReadiness {
  readonly text: string;
  readonly at: string;
  readonly reasons: readonly string[];
  readonly rpoExposure?: { readonly text: string; readonly withinRpo: boolean };
}

export function confirmPage(
  claims: ApprovalLinkClaims,
  incident: Incident,
  catalog: Catalog,
  channel: string,
  readiness?: PageReadiness,
): HttpResponseInit {
  const name = approverName(catalog, incident, claims.approver);
  const reasons = incident.activation?.reasons ?? [];
  return htmlResponse(
    200,
    renderPage('approval-confirm', {
      title: drillTitle(CONFIRM_TITLES[claims.decision], incident),
      incidentId: incident.id,
      workloadName: incident.workloadName,
      severity: incident.severity ?? 'not known yet',
      reasons: [...drillParagraph(incident), ...reasons],
      hasReasons: reasons.length > 0 || incident.drill !== undefined,
      actionLabel: DECISION_LABELS[claims.decision],
      decision: claims.decision,
      approver: name === undefined ? claims.approver : `${name} (${claims.approver})`,
      expiresAt: formatInstant(new Date(claims.expiresAt * 1000)),
      channel,
      maxCommentLength: MAX_COMMENT_LENGTH,
      hasReadiness: readiness !== undefined,
      readinessText: readiness?.text ?? '',
      readinessAt: readiness?.at ?? '',
      hasReadinessReasons: (readiness?.reasons.length ?? 0) > 0,
      readinessReasons: readiness?.reasons ?? [],
      hasRpoExposure: readiness?.rpoExposure !== undefined,
      rpoExposureText: readiness?.rpoExposure?.text ?? '',
      rpoExceeded: readiness?.rpoExposure?.withinRpo === false,
    }),
  );
}

export function refusedPage(reason: ApprovalLinkRefusalReason, incident?: Incident): HttpResponseInit {
  const title =
    reason === 'expired'
      ? 'This link has expired'
      : reason === 'wrong-round'
        ? 'This link has been superseded'
        : 'This link is not valid';
  return resultPage(
    REFUSAL_STATUS[reason],
    'refused',
    drillTitle(title, incident),
    [...drillParagraph(incident), refusalMessage(reason)],
    incident === undefined ? [] : incidentFacts(incident),
  );
}

export function alreadyDecidedPage(
  incident: Incident,
  previous: { decision: ApprovalLinkClaims['decision']; at: string; channel: string },
  stillDelivering: boolean,
): HttpResponseInit {
  return resultPage(
    409,
    'info',
    drillTitle('You have already decided', incident),
    [
      ...drillParagraph(incident),
      `You ${PAST_TENSE[previous.decision]} on ${formatInstant(new Date(previous.at))} via ${channelName(previous.channel)}. Each approver decides once per approval request; nothing was changed.`,
      ...(stillDelivering
        ? [
            `Your decision is still on its way to the approval. If this page still says so in a minute, open your ${LINK_NAMES[previous.decision]} link again and submit it.`,
          ]
        : []),
    ],
    [
      ...incidentFacts(incident),
      { label: 'Your decision', value: DECISION_LABELS[previous.decision] },
      { label: 'Decided at', value: formatInstant(new Date(previous.at)) },
    ],
  );
}

export function resultPage(
  status: number,
  tone: Tone,
  title: string,
  paragraphs: readonly string[],
  facts: readonly Fact[] = [],
): HttpResponseInit {
  return htmlResponse(
    status,
    renderPage('approval-result', {
      title,
      tone,
      paragraphs,
      facts,
      hasFacts: facts.length > 0,
    }),
  );
}

/** A drill's page says DRILL in its title and first line, like every message of a drill. */
export function drillTitle(title: string, incident: Incident | undefined): string {
  return incident?.drill === undefined ? title : `${drillLabel(incident.drill.kind)}: ${title}`;
}

export function drillParagraph(incident: Incident | undefined): string[] {
  return incident?.drill === undefined ? [] : [drillBanner(incident.drill.kind)];
}

export function incidentFacts(incident: Incident): Fact[] {
  return [
    { label: 'Incident', value: incident.id },
    { label: 'Workload', value: incident.workloadName },
  ];
}

export function decisionFacts(incident: Incident, event: ApprovalDecisionEvent): Fact[] {
  return [
    ...incidentFacts(incident),
    { label: 'Your decision', value: DECISION_LABELS[event.decision] },
    {
      label: 'Recorded for',
      value: event.name === undefined ? event.approver : `${event.name} (${event.approver})`,
    },
    { label: 'Decided at', value: formatInstant(new Date(event.at)) },
    ...(event.comment === undefined ? [] : [{ label: 'Comment', value: event.comment }]),
  ];
}

function channelName(channel: string): string {
  return CHANNEL_NAMES[channel] ?? channel;
}

/** `2026-11-22 03:12 UTC`: unambiguous for approvers in any time zone. */
function formatInstant(instant: Date): string {
  return `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The contact's display name, when the workload's contact matrix has the person the link was issued to. */
export function approverName(catalog: Catalog, incident: Incident, approver: string): string | undefined {
  const workload = findWorkload(catalog, incident.workloadId);
  return workload === undefined ? undefined : contactByKey(workload.contacts, approver)?.name;
}
