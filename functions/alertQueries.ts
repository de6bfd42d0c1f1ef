// GET /api/alerts: what was received and where it was routed — unrouted alerts included.
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { container } from '../shared/container';
import type { StoredAlert } from '../shared/ports/AlertStore';
import { pagedResponse } from './http/pagedResponse';
import { parseQuery } from './http/parseQuery';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

const alertQuerySchema = z.strictObject({
  routing: z.enum(['routed', 'unrouted']).optional(),
  workload: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  continuationToken: z.string().min(1).optional(),
});

export async function listAlerts(request: HttpRequest): Promise<HttpResponseInit> {
  const query = parseQuery(request, alertQuerySchema);
  if (!query.ok) return query.response;
  const { routing, workload, limit, continuationToken } = query.value;
  return pagedResponse(async () => {
    const page = await container()
      .alertStore()
      .list({
        limit,
        ...(routing ? { routing } : {}),
        ...(workload ? { workloadId: workload } : {}),
        ...(continuationToken ? { continuationToken } : {}),
      });
    return { items: page.items.map(alertView), continuationToken: page.continuationToken };
  });
}

/** The raw payload stays out of listings: sources put arbitrary data in custom properties. */
function alertView({ alert, receivedAt, routing, workloadIds, routingReasons }: StoredAlert) {
  const { raw: _raw, ...fields } = alert;
  return { ...fields, receivedAt, routing, workloadIds, routingReasons };
}

app.http('listAlerts', { route: 'alerts', methods: ['GET'], authLevel: 'function', handler: listAlerts });
