// Test support for incidents: builders for incidents and timeline entries with readable defaults.
import type { Incident, NewIncident } from '../../../../../shared/domain/incident/Incident';
import type { TimelineEntry } from '../../../../../shared/domain/incident/TimelineEntry';

export const DETECTED_AT = '2026-11-22T03:12:05.000Z';
export const SECOND = 1_000;

/** The instant `ms` after DETECTED_AT (negative: before it). */
export function afterDetection(ms: number): string {
  return new Date(Date.parse(DETECTED_AT) + ms).toISOString();
}

/** A freshly detected live incident of a tier 1 workload with a one-hour RTO. */
export function newIncident(changes: Partial<NewIncident> = {}): NewIncident {
  return {
    id: 'orders-api-20261122-031205',
    workloadId: 'orders-api',
    workloadName: 'Orders API',
    tier: 1,
    mode: 'live',
    status: 'detected',
    severity: 'Sev1',
    detectedAt: DETECTED_AT,
    rtoTargetSeconds: 3600,
    steps: [],
    alerts: { count: 0, latest: [] },
    ...changes,
  };
}

export function incident(changes: Partial<Incident> = {}): Incident {
  return { ...newIncident(), version: 1, ...changes };
}

/** An incident well into failover: every optional part filled in. */
export function failingOverIncident(changes: Partial<NewIncident> = {}): NewIncident {
  return newIncident({
    status: 'failing-over',
    observingSince: afterDetection(10 * SECOND),
    activatedAt: afterDetection(300 * SECOND),
    activation: {
      decision: 'activate',
      reasons: ['Sev1 or worse fired', 'sustained for 5m'],
      evaluatedAt: afterDetection(290 * SECOND),
    },
    approval: {
      status: 'approved',
      quorum: { required: 1, approvals: 1, rejections: 0 },
      decisions: [
        {
          approver: 'alice@example.com',
          decision: 'approve',
          channel: 'teams',
          at: afterDetection(295 * SECOND),
          comment: 'go',
        },
      ],
    },
    steps: [
      {
        id: 'dns',
        name: 'Switch DNS',
        type: 'http',
        status: 'succeeded',
        attempts: 1,
        revision: 2,
        startedAt: afterDetection(300 * SECOND),
        endedAt: afterDetection(310 * SECOND),
      },
      {
        id: 'db',
        name: 'Fail over database',
        type: 'http',
        status: 'failed',
        attempts: 2,
        revision: 5,
        error: 'timed out',
      },
      { id: 'check', name: 'Confirm traffic', type: 'manual', status: 'pending', attempts: 0, revision: 0 },
    ],
    alerts: {
      count: 3,
      latest: [
        {
          id: '0123456789abcdef0123456789abcdef',
          fingerprint: 'f1',
          severity: 'Sev1',
          condition: 'fired',
          at: DETECTED_AT,
          summary: 'orders-api 5xx above 5%',
        },
      ],
    },
    ...changes,
  });
}

export function timelineEntry(id: string, at: string, changes: Partial<TimelineEntry> = {}): TimelineEntry {
  return { id, at, type: 'status-changed', message: `entry ${id}`, ...changes };
}
