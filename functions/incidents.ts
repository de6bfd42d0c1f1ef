// The status API and operator actions: GET /api/incidents, GET /api/incidents/{id}, GET /api/workloads,
// POST /api/incidents/{id}/actions/{action}. Operators authenticate in the app (keys or App Service auth).
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { container } from '../shared/container';
import { NOT_EVALUATED, readinessView } from '../shared/domain/readiness/readinessView';
import { INCIDENT_MODES } from '../shared/domain/incident/IncidentMode';
import { INCIDENT_STATUSES } from '../shared/domain/incident/IncidentStatus';
import { toIncidentSummary, toIncidentView } from '../shared/domain/incident/incidentView';
import { ACTION_ROLES, isOperatorAction, OPERATOR_ACTIONS } from '../shared/domain/incident/operatorActions';
import { formatZodIssues } from '../shared/domain/validation/formatZodIssues';
import { errorMessage } from '../shared/errors';
import { invocationLogger } from '../shared/logging';
import { takeOperatorAction } from './actions/takeOperatorAction';
import { authorizeOperator } from './http/authenticateOperator';
import { errorResponse } from './http/errorResponse';
import { pagedResponse } from './http/pagedResponse';
import { parseQuery } from './http/parseQuery';
import { readBodyWithin } from './http/readBodyWithin';
import { drillHistory } from './http/drillHistory';
import { workloadView } from './http/workloadView';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;
const MAX_ACTION_BODY_BYTES = 16 * 1024;

const listQuerySchema = z.strictObject({
  status: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(INCIDENT_STATUSES)))
    .optional(),
  workload: z.string().min(1).optional(),
  mode: z.enum(INCIDENT_MODES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  continuationToken: z.string().min(1).optional(),
});

const actionBodySchema = z.strictObject({
  comment: z.string().trim().min(1).max(2000).optional(),
  /** confirm-step, retry-step, skip-step: the step meant (default: the one the action applies to now). */
  stepId: z.string().trim().min(1).max(100).optional(),
});

const noStore = { 'cache-control': 'no-store' };

export async function listIncidents(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = authorizeOperator(request, 'viewer', container().config);
  if (!auth.ok) return auth.response;
  const query = parseQuery(request, listQuerySchema);
  if (!query.ok) return query.response;
  const { status, workload, mode, limit, continuationToken } = query.value;
  return pagedResponse(async () => {
    const page = await container()
      .incidentStore()
      .list({
        limit,
        ...(status ? { status } : {}),
        ...(workload ? { workloadId: workload } : {}),
        ...(mode ? { mode } : {}),
        ...(continuationToken ? { continuationToken } : {}),
      });
    const now = container().now();
    return {
      items: page.items.map((i) => toIncidentSummary(i, now)),
      continuationToken: page.continuationToken,
    };
  });
}

export async function getIncident(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = authorizeOperator(request, 'viewer', container().config);
  if (!auth.ok) return auth.response;
  const id = request.params.id ?? '';
  const store = container().incidentStore();
  const incident = await store.get(id);
  if (incident === undefined) {
    return errorResponse(404, 'not_found', `No incident '${id}'.`);
  }
  const timeline = await store.timeline(id);
  return { status: 200, jsonBody: toIncidentView(incident, timeline, container().now()), headers: noStore };
}

export async function listWorkloads(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = authorizeOperator(request, 'viewer', container().config);
  if (!auth.ok) return auth.response;
  const c = container();
  const now = c.now();
  // Each with its last drill, when the next is due and its readiness: two store reads per workload.
  const items = await Promise.all(
    c.catalog().workloads.map(async (workload) => {
      const latest = await c.readinessStore().latest(workload.id);
      return {
        ...workloadView(workload),
        drills: { approval: workload.drills.approval, ...(await drillHistory(workload)).schedule },
        readiness: latest ? readinessView(workload, latest, now) : NOT_EVALUATED,
      };
    }),
  );
  return { status: 200, jsonBody: { items }, headers: noStore };
}

export async function incidentAction(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const action = request.params.action ?? '';
  if (!isOperatorAction(action)) {
    return errorResponse(
      404,
      'unknown_action',
      `Unknown action '${action}'. Actions: ${OPERATOR_ACTIONS.join(', ')}.`,
    );
  }
  const auth = authorizeOperator(request, ACTION_ROLES[action], container().config);
  if (!auth.ok) return auth.response;
  const body = await readActionBody(request);
  if (!body.ok) return body.response;

  const id = request.params.id ?? '';
  const outcome = await takeOperatorAction(context, {
    incidentId: id,
    action,
    identity: auth.identity,
    ...(body.value.comment ? { comment: body.value.comment } : {}),
    ...(body.value.stepId ? { stepId: body.value.stepId } : {}),
  });
  switch (outcome.kind) {
    case 'invalid':
      return errorResponse(400, 'invalid_body', outcome.message, outcome.details);
    case 'not_found':
      return errorResponse(404, 'not_found', outcome.message);
    case 'forbidden':
      return errorResponse(403, 'forbidden', outcome.message);
    case 'conflict':
    case 'unavailable':
      return {
        status: outcome.kind === 'conflict' ? 409 : 501,
        jsonBody: {
          error: {
            code: outcome.kind === 'conflict' ? 'invalid_state' : 'not_available',
            message: outcome.message,
            details: [],
          },
          current: toIncidentSummary(outcome.incident, container().now()),
        },
        headers: noStore,
      };
    case 'accepted': {
      const { actor, incident, note } = outcome;
      invocationLogger(context).info('Operator action accepted', { incidentId: id, action, actor });
      return {
        status: 202,
        jsonBody: {
          accepted: true,
          incidentId: id,
          action,
          actor,
          status: incident.status,
          ...(note ? { note } : {}),
        },
        headers: noStore,
      };
    }
  }
}

async function readActionBody(
  request: HttpRequest,
): Promise<
  { ok: true; value: z.infer<typeof actionBodySchema> } | { ok: false; response: HttpResponseInit }
> {
  const read = await readBodyWithin(request, MAX_ACTION_BODY_BYTES);
  if (!read.ok) {
    return {
      ok: false,
      response: errorResponse(413, 'payload_too_large', `The body is over ${MAX_ACTION_BODY_BYTES} bytes.`),
    };
  }
  const text = read.bytes.toString('utf8').trim();
  let json: unknown = {};
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch (err) {
      return {
        ok: false,
        response: errorResponse(400, 'invalid_json', 'The body is not valid JSON.', [
          { path: '', message: errorMessage(err) },
        ]),
      };
    }
  }
  const parsed = actionBodySchema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : {
        ok: false,
        response: errorResponse(
          400,
          'invalid_body',
          'The action body is invalid.',
          formatZodIssues(parsed.error.issues),
        ),
      };
}

app.http('listIncidents', {
  route: 'incidents',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: listIncidents,
});
app.http('getIncident', {
  route: 'incidents/{id}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: getIncident,
});
app.http('listWorkloads', {
  route: 'workloads',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: listWorkloads,
});
app.http('incidentAction', {
  route: 'incidents/{id}/actions/{action}',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: incidentAction,
});
