// Test support for the approval link pages: real embedded stores on a temporary data directory, an
// incident awaiting approval, signed links, requests as a browser sends them, and typed fakes that record
// what was delivered, consumed and logged.
import { HttpRequest, type HttpResponseInit } from '@azure/functions';
import type { ApprovalDecisionDeps } from '../../../functions/approvalPages';
import { HTML_SECURITY_HEADERS } from '../../../functions/http/htmlResponse';
import { EmbeddedApprovalLinkStore } from '../../../shared/adapters/sqlite/EmbeddedApprovalLinkStore';
import { EmbeddedIncidentStore } from '../../../shared/adapters/sqlite/EmbeddedIncidentStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../shared/adapters/sqlite/openEmbeddedDatabase';
import type { ApprovalLinkClaims } from '../../../shared/domain/approvalLinks/ApprovalLinkClaims';
import { newNonce } from '../../../shared/domain/approvalLinks/newNonce';
import { signApprovalLink } from '../../../shared/domain/approvalLinks/signApprovalLink';
import type { Catalog } from '../../../shared/domain/catalog/Catalog';
import type { ApprovalDecisionEvent } from '../../../shared/domain/contracts/approvalContracts';
import type { NewIncident } from '../../../shared/domain/incident/Incident';
import type { LogIds, Logger } from '../../../shared/logging';
import type {
  ApprovalLinkConsumption,
  ApprovalLinkStore,
  ApprovalLinkUse,
  ApprovalLinkUseKey,
} from '../../../shared/ports/ApprovalLinkStore';
import type { Secret } from '../../../shared/Secret';
import { removeDir, tempDataDir } from '../../local/support/testRuntime';
import { KEY } from '../shared/domain/approvalLinks/approvalLinkTestSupport';
import { parseWorkload, workloadInput } from '../shared/domain/catalog/catalogTestSupport';
import { afterDetection, newIncident, SECOND } from '../shared/domain/incident/incidentTestSupport';

export const NOW = new Date('2026-11-22T03:20:00.000Z');
export const LINK_LIFETIME_SECONDS = 3600;
export const INCIDENT_ID = newIncident().id;
/** Alice is an approver of orders-api in the catalog test workload. */
export const ALICE = 'alice@example.com';

/** The orders-api incident waiting for two approvals in round 1, nobody having decided yet. */
export function awaitingApproval(changes: Partial<NewIncident> = {}): NewIncident {
  return newIncident({
    status: 'awaiting-approval',
    observingSince: afterDetection(10 * SECOND),
    activation: {
      decision: 'activate',
      reasons: ['Sev1 or worse fired', 'sustained for 5m'],
      evaluatedAt: afterDetection(290 * SECOND),
    },
    approval: {
      round: 1,
      status: 'pending',
      quorum: { required: 2, approvals: 0, rejections: 0 },
      decisions: [],
    },
    ...changes,
  });
}

/** A link as the approval request would send it: Alice's Approve link for round 1, valid for an hour. */
export function issueLink(
  changes: Partial<ApprovalLinkClaims> = {},
  key: Secret = KEY,
): { token: string; claims: ApprovalLinkClaims } {
  const claims: ApprovalLinkClaims = {
    incidentId: INCIDENT_ID,
    round: 1,
    approver: ALICE,
    decision: 'approve',
    nonce: newNonce(),
    expiresAt: NOW.getTime() / 1000 + LINK_LIFETIME_SECONDS,
    ...changes,
  };
  return { token: signApprovalLink(claims, key), claims };
}

/** GET of the link, as a browser or a mail scanner fetches it. */
export function pageRequest(token: string, query = ''): HttpRequest {
  return new HttpRequest({
    method: 'GET',
    url: `http://localhost:7071/api/approvals/${token}${query}`,
    params: { token },
  });
}

/** The page's form POST: url-encoded fields unless `init` says otherwise. */
export function decisionRequest(
  token: string,
  fields: Record<string, string> = { channel: 'email', comment: '' },
  init: { contentType?: string | null; body?: string } = {},
): HttpRequest {
  const contentType = init.contentType === undefined ? 'application/x-www-form-urlencoded' : init.contentType;
  return new HttpRequest({
    method: 'POST',
    url: `http://localhost:7071/api/approvals/${token}`,
    params: { token },
    headers: contentType === null ? {} : { 'content-type': contentType },
    body: { string: init.body ?? new URLSearchParams(fields).toString() },
  });
}

/** Records every decision raised; fails every raise while `failure` is set. */
export class RecordingDecisionDelivery {
  readonly raised: { instanceId: string; event: ApprovalDecisionEvent }[] = [];
  failure: Error | undefined;

  readonly raiseDecision: ApprovalDecisionDeps['raiseDecision'] = (instanceId, event) => {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.raised.push({ instanceId, event });
    return Promise.resolve();
  };
}

/** The real store, recording every use presented to it. */
export class RecordingLinkStore implements ApprovalLinkStore {
  readonly presented: ApprovalLinkUse[] = [];

  constructor(private readonly inner: ApprovalLinkStore) {}

  consume(use: ApprovalLinkUse): Promise<ApprovalLinkConsumption> {
    this.presented.push(use);
    return this.inner.consume(use);
  }

  markDelivered(key: ApprovalLinkUseKey, at: string): Promise<void> {
    return this.inner.markDelivered(key, at);
  }
}

export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; ids?: LogIds }[] = [];

  info(message: string, ids?: LogIds): void {
    this.lines.push({ level: 'info', message, ...(ids ? { ids } : {}) });
  }

  warn(message: string, ids?: LogIds): void {
    this.lines.push({ level: 'warn', message, ...(ids ? { ids } : {}) });
  }

  error(message: string, ids?: LogIds): void {
    this.lines.push({ level: 'error', message, ...(ids ? { ids } : {}) });
  }

  /** Everything logged, as one text, to look for what must never be there. */
  text(): string {
    return JSON.stringify(this.lines);
  }
}

export class TestClock {
  current = NOW;

  readonly now = (): Date => this.current;

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface ApprovalPagesFixture {
  readonly deps: ApprovalDecisionDeps;
  readonly incidents: EmbeddedIncidentStore;
  readonly links: RecordingLinkStore;
  readonly delivery: RecordingDecisionDelivery;
  readonly log: RecordingLogger;
  readonly clock: TestClock;
  readonly db: EmbeddedDatabase;
  readonly dispose: () => void;
}

export const testCatalog: Catalog = { workloads: [parseWorkload(workloadInput())], runbooks: [] };

/** Real stores on a fresh data directory holding `stored` (by default, the incident awaiting approval). */
export async function approvalPagesFixture(
  stored: readonly NewIncident[] = [awaitingApproval()],
): Promise<ApprovalPagesFixture> {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  const incidents = new EmbeddedIncidentStore(db);
  for (const incident of stored) await incidents.create(incident);
  const links = new RecordingLinkStore(new EmbeddedApprovalLinkStore(db));
  const delivery = new RecordingDecisionDelivery();
  const log = new RecordingLogger();
  const clock = new TestClock();
  return {
    deps: {
      signingKey: KEY,
      incidents,
      links,
      catalog: testCatalog,
      log,
      now: clock.now,
      raiseDecision: delivery.raiseDecision,
    },
    incidents,
    links,
    delivery,
    log,
    clock,
    db,
    dispose: () => {
      if (db.open) db.close();
      removeDir(dir);
    },
  };
}

/** Asserts the status and the security headers, and returns the page's HTML. */
export function expectPage(response: HttpResponseInit, status: number): string {
  expect(response.status).toBe(status);
  expect(response.headers).toEqual(HTML_SECURITY_HEADERS);
  if (typeof response.body !== 'string') throw new Error('expected an HTML page body');
  return response.body;
}
