// Readiness changed: what a workload's owners are told when its DR readiness moves between ready, degraded
// and not-ready (once per change, not at every evaluation): the state before and now, and every reason.
// It is about a workload, not an incident: its `incidentId` fact carries `readiness-<workloadId>`, the
// subject its notification ids, outbox files and Message-IDs are named after.
import { z } from 'zod';
import { readinessStateSchema, type ReadinessState } from '../../readiness/ReadinessResult';
import { audienceFields, notificationSafeIdSchema, utcInstantSchema } from '../base/factFields';
import { formatUtcInstant } from '../base/formatUtcInstant';
import { defineBroadcastKind, type BroadcastKind, type BuildNotification } from '../base/MessageKind';
import { shorten } from '../base/shorten';
import { TIER_NAMES, tierSchema } from '../../catalog/Tier';

export const readinessChangedFactsSchema = z.object({
  incidentId: notificationSafeIdSchema,
  workloadId: z.string().min(1),
  workloadName: z.string().min(1),
  tier: tierSchema,
  /** Absent for a workload's first evaluation. */
  previousState: readinessStateSchema.optional(),
  state: readinessStateSchema,
  evaluatedAt: utcInstantSchema,
  /** The evaluation's id; with the state it makes the notification id. */
  evaluationId: z.string().min(1),
  reasons: z.array(z.string()),
  /** The RPO exposure in words, when a lag was measured. */
  rpoExposure: z.string().optional(),
  ...audienceFields,
});
export type ReadinessChangedFacts = z.infer<typeof readinessChangedFactsSchema>;

export interface ReadinessChangedView {
  readonly workloadName: string;
  readonly workloadId: string;
  readonly tierText: string;
  readonly stateTitle: string;
  readonly previousText: string;
  readonly isReady: boolean;
  readonly evaluatedAtText: string;
  readonly hasReasons: boolean;
  readonly reasons: readonly string[];
  readonly hasRpoExposure: boolean;
  readonly rpoExposure: string;
  readonly hasStatusUrl: boolean;
  readonly statusUrl: string;
}

const STATE_TITLES: Readonly<Record<ReadinessState, string>> = {
  ready: 'READY',
  degraded: 'DEGRADED',
  'not-ready': 'NOT READY',
};

/** A reason comes from a probe or a remote answer: cut like alert summaries are. */
const REASON_MAX_CHARS = 300;

export function readinessChangedView(facts: ReadinessChangedFacts): ReadinessChangedView {
  return {
    workloadName: facts.workloadName,
    workloadId: facts.workloadId,
    tierText: `${facts.tier} (${TIER_NAMES[facts.tier]})`,
    stateTitle: STATE_TITLES[facts.state],
    previousText:
      facts.previousState === undefined ? 'first evaluation' : `was ${STATE_TITLES[facts.previousState]}`,
    isReady: facts.state === 'ready',
    evaluatedAtText: formatUtcInstant(facts.evaluatedAt),
    hasReasons: facts.reasons.length > 0,
    reasons: facts.reasons.map((reason) => shorten(reason, REASON_MAX_CHARS)),
    hasRpoExposure: facts.rpoExposure !== undefined,
    rpoExposure: facts.rpoExposure ?? '',
    hasStatusUrl: facts.statusUrl !== undefined,
    statusUrl: facts.statusUrl ?? '',
  };
}

/** `readiness-changed.readiness-orders-api.<evaluation>.not-ready`: one per change. */
export function readinessChangedNotificationId(
  facts: Pick<ReadinessChangedFacts, 'incidentId' | 'evaluationId' | 'state'>,
): string {
  return `readiness-changed.${facts.incidentId}.${facts.evaluationId.replace(/[^A-Za-z0-9_-]/g, '_')}.${facts.state}`;
}

export const readinessChanged: BroadcastKind<ReadinessChangedFacts, ReadinessChangedView> =
  defineBroadcastKind({
    kind: 'readiness-changed',
    title: 'Readiness change',
    factsSchema: readinessChangedFactsSchema,
    view: readinessChangedView,
    notificationId: readinessChangedNotificationId,
  });

export const buildReadinessChangedNotification: BuildNotification<ReadinessChangedFacts> =
  readinessChanged.build;
