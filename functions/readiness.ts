// DR readiness: the timer that evaluates every workload when its `readiness.every` is due, and
// GET /api/workloads/{id}/readiness (the latest evaluation with reasons, and its history) and
// POST /api/workloads/{id}/readiness (an operator evaluates now).
import {
  app,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
  type Timer,
} from '@azure/functions';
import { z } from 'zod';
import { container } from '../shared/container';
import { findWorkload } from '../shared/domain/catalog/Catalog';
import { NOT_EVALUATED, readinessView } from '../shared/domain/readiness/readinessView';
import { authorizeOperator } from './http/authenticateOperator';
import { errorResponse } from './http/errorResponse';
import { parseQuery } from './http/parseQuery';

/**
 * Every minute: each workload is evaluated when its own cadence (5 minutes for tier 0 by default) is due, so
 * the finest cadence a catalog may set is honoured to the minute. NCRONTAB: {second} {minute} ... in UTC.
 */
export const READINESS_SCHEDULE = '0 * * * * *';

const DEFAULT_HISTORY = 20;
const MAX_HISTORY = 200;

const noStore = { 'cache-control': 'no-store' };

export async function evaluateDueReadiness(timer: Timer, context: InvocationContext): Promise<void> {
  const done = await container().readinessEvaluator().evaluateDue(container().now());
  const changed = done.filter((d) => d.changed).map((d) => `${d.result.workloadId}: ${d.result.state}`);
  if (done.length > 0) {
    context.info('Readiness evaluated', {
      evaluated: done.length,
      changed: changed.join(', ') || 'none',
      isPastDue: timer.isPastDue,
    });
  }
}

const historyQuerySchema = z.strictObject({
  history: z.coerce.number().int().min(1).max(MAX_HISTORY).default(DEFAULT_HISTORY),
});

export async function getReadiness(request: HttpRequest): Promise<HttpResponseInit> {
  const c = container();
  const auth = authorizeOperator(request, 'viewer', c.config);
  if (!auth.ok) return auth.response;
  const workload = findWorkload(c.catalog(), request.params.id ?? '');
  if (workload === undefined)
    return errorResponse(404, 'not_found', `No workload '${request.params.id ?? ''}'.`);
  const query = parseQuery(request, historyQuerySchema);
  if (!query.ok) return query.response;
  const now = c.now();
  const [latest, history] = await Promise.all([
    c.readinessStore().latest(workload.id),
    c.readinessStore().history(workload.id, query.value.history),
  ]);
  return {
    status: 200,
    headers: noStore,
    jsonBody: {
      workloadId: workload.id,
      everySeconds: workload.readiness.everySeconds,
      ...(latest ? readinessView(workload, latest, now) : NOT_EVALUATED),
      history: history.map((r) => ({
        evaluatedAt: r.evaluatedAt,
        trigger: r.trigger,
        state: r.state,
        reasons: r.reasons,
      })),
    },
  };
}

export async function evaluateReadinessNow(request: HttpRequest): Promise<HttpResponseInit> {
  const c = container();
  const auth = authorizeOperator(request, 'operator', c.config);
  if (!auth.ok) return auth.response;
  const workload = findWorkload(c.catalog(), request.params.id ?? '');
  if (workload === undefined)
    return errorResponse(404, 'not_found', `No workload '${request.params.id ?? ''}'.`);
  const { result, changed } = await c.readinessEvaluator().evaluateAndRecord(workload, 'request', c.now());
  return {
    status: 200,
    headers: noStore,
    jsonBody: { workloadId: workload.id, changed, ...readinessView(workload, result, c.now()) },
  };
}

app.timer('readinessSchedule', { schedule: READINESS_SCHEDULE, handler: evaluateDueReadiness });
app.http('getReadiness', {
  route: 'workloads/{id}/readiness',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: getReadiness,
});
app.http('evaluateReadiness', {
  route: 'workloads/{id}/readiness',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: evaluateReadinessNow,
});
