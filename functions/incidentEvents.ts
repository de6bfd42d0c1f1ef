// GET /api/events: the incident events published to the incident-events topic (CloudEvents 1.0), in the
// order they were recorded, paged; `?incident=` for one incident's.
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { container } from '../shared/container';
import { authorizeOperator } from './http/authenticateOperator';
import { pagedResponse } from './http/pagedResponse';
import { parseQuery } from './http/parseQuery';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;

const eventQuerySchema = z.strictObject({
  incident: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  continuationToken: z.string().min(1).optional(),
});

export async function listIncidentEvents(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = authorizeOperator(request, 'viewer', container().config);
  if (!auth.ok) return auth.response;
  const query = parseQuery(request, eventQuerySchema);
  if (!query.ok) return query.response;
  const { incident, limit, continuationToken } = query.value;
  return pagedResponse(async () => {
    const page = await container()
      .incidentEventOutbox()
      .published({
        limit,
        ...(incident ? { incidentId: incident } : {}),
        ...(continuationToken ? { continuationToken } : {}),
      });
    return {
      // Exactly as subscribers received them.
      items: page.items.map(({ event }) => event),
      continuationToken: page.continuationToken,
    };
  });
}

app.http('listIncidentEvents', {
  route: 'events',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: listIncidentEvents,
});
