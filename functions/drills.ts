// Drills: POST /api/drills starts one (an incident in mode `drill` on the same lifecycle, no alerts, no
// correlation window, so no alert ever joins it); GET /api/workloads/{id}/drills is the workload's drill
// history scored against its RTO, and when the next drill is due.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { container } from '../shared/container';
import { findWorkload } from '../shared/domain/catalog/Catalog';
import { compilePolicy } from '../shared/domain/catalog/compilePolicy';
import {
  INCIDENT_ORCHESTRATION,
  type IncidentOrchestrationInput,
} from '../shared/domain/contracts/incidentContracts';
import { incidentIdFor } from '../shared/domain/correlation/incidentId';
import { startDrillRequestSchema } from '../shared/domain/drill/startDrillRequest';
import { INCIDENT_STATUSES, isTerminal } from '../shared/domain/incident/IncidentStatus';
import type { IncidentMode } from '../shared/domain/incident/IncidentMode';
import { formatZodIssues } from '../shared/domain/validation/formatZodIssues';
import { errorMessage } from '../shared/errors';
import { invocationLogger } from '../shared/logging';
import { durableInstanceApi } from './durable/durableInstanceApi';
import { drillHistory } from './http/drillHistory';
import { authorizeOperator } from './http/authenticateOperator';
import { errorResponse } from './http/errorResponse';
import { readBodyWithin } from './http/readBodyWithin';

const MAX_DRILL_BODY_BYTES = 16 * 1024;
const OPEN_STATUSES = INCIDENT_STATUSES.filter((status) => !isTerminal(status));
const noStore = { 'cache-control': 'no-store' };

export async function startDrill(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const c = container();
  const auth = authorizeOperator(request, 'operator', c.config);
  if (!auth.ok) return auth.response;
  const read = await readBodyWithin(request, MAX_DRILL_BODY_BYTES);
  if (!read.ok) {
    return errorResponse(413, 'payload_too_large', `The body is over ${MAX_DRILL_BODY_BYTES} bytes.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString('utf8'));
  } catch (err) {
    return errorResponse(400, 'invalid_json', 'The body is not valid JSON.', [
      { path: '', message: errorMessage(err) },
    ]);
  }
  const parsed = startDrillRequestSchema.safeParse(json);
  if (!parsed.success) {
    return errorResponse(
      400,
      'invalid_body',
      'The drill request is invalid.',
      formatZodIssues(parsed.error.issues),
    );
  }
  const body = parsed.data;
  const workload = findWorkload(c.catalog(), body.workloadId);
  if (workload === undefined) {
    return errorResponse(404, 'not_found', `No workload '${body.workloadId}' in the catalog.`);
  }
  if (workload.runbooks.failover === undefined) {
    return errorResponse(
      409,
      'no_runbook',
      `Workload '${workload.id}' has no failover runbook (runbooks.failover in its catalog file): there is nothing to rehearse.`,
    );
  }
  if (body.failback === true && workload.runbooks.failback === undefined) {
    return errorResponse(
      409,
      'no_failback_runbook',
      `Workload '${workload.id}' has no failback runbook (runbooks.failback in its catalog file): a round-trip drill cannot fail back.`,
    );
  }
  // A live incident has the people and the targets: a drill now would compete with it for both.
  const live = await openIncidentOf(workload.id, 'live');
  if (live !== undefined) {
    return errorResponse(
      409,
      'live_incident_open',
      `Workload '${workload.id}' has a live incident open (${live}): a drill cannot start until it ends.`,
    );
  }
  const running = await openIncidentOf(workload.id, 'drill');
  if (running !== undefined) {
    return errorResponse(
      409,
      'drill_running',
      `Workload '${workload.id}' already has a drill running (${running}): abort it or let it end first.`,
    );
  }

  const now = c.now();
  const incidentId = await freeDrillId(context, workload.id, now);
  if (incidentId === undefined) {
    return errorResponse(409, 'drill_running', `Too many drills of '${workload.id}' this second; try again.`);
  }
  const input: IncidentOrchestrationInput = {
    incidentId,
    workloadId: workload.id,
    openedAt: now.toISOString(),
    groupingWindowSeconds: compilePolicy(workload).groupingWindowSeconds,
    drill: {
      kind: body.mode,
      requestedBy: auth.identity.name,
      requestedAt: now.toISOString(),
      ...(body.scenario ? { scenario: body.scenario } : {}),
      ...(body.comment ? { comment: body.comment } : {}),
      ...(body.failback === true ? { roundTrip: true as const } : {}),
    },
  };
  await df.getClient(context).startNew(INCIDENT_ORCHESTRATION, { instanceId: incidentId, input });
  invocationLogger(context).info('Drill started', { incidentId, workloadId: workload.id, mode: body.mode });
  return {
    status: 202,
    jsonBody: { incidentId, workloadId: workload.id, mode: body.mode },
    headers: { ...noStore, location: `/api/incidents/${encodeURIComponent(incidentId)}` },
  };
}

/** Drills a second apart at most: a dry-run ends in the second it started, and the next may start at once. */
const MAX_DRILLS_PER_SECOND = 20;

/**
 * The drill's id, named after its workload and the second it starts in (`drill-orders-api-20261122-030000`,
 * then `-2`, `-3`… within that second). An id is also an orchestration instance, which is never reused.
 */
async function freeDrillId(
  context: InvocationContext,
  workloadId: string,
  now: Date,
): Promise<string | undefined> {
  const instances = durableInstanceApi(context);
  for (let sequence = 1; sequence <= MAX_DRILLS_PER_SECOND; sequence++) {
    const id = incidentIdFor(`drill-${workloadId}`, now, sequence);
    if ((await instances.runtimeStatus(id)) === undefined) return id;
  }
  return undefined;
}

async function openIncidentOf(workloadId: string, mode: IncidentMode): Promise<string | undefined> {
  const page = await container().incidentStore().list({ workloadId, mode, status: OPEN_STATUSES, limit: 1 });
  return page.items[0]?.id;
}

export async function listDrills(request: HttpRequest): Promise<HttpResponseInit> {
  const c = container();
  const auth = authorizeOperator(request, 'viewer', c.config);
  if (!auth.ok) return auth.response;
  const id = request.params.id ?? '';
  const workload = findWorkload(c.catalog(), id);
  if (workload === undefined) {
    return errorResponse(404, 'not_found', `No workload '${id}' in the catalog.`);
  }
  const { schedule, items } = await drillHistory(workload);
  return { status: 200, jsonBody: { workloadId: id, schedule, items }, headers: noStore };
}

app.http('startDrill', {
  route: 'drills',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: startDrill,
});
app.http('listDrills', {
  route: 'workloads/{id}/drills',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: listDrills,
});
