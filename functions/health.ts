// GET /api/health: liveness plus the readiness of each dependency. Anonymous, and says nothing secret.
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { container } from '../shared/container';

export async function health(_request: HttpRequest): Promise<HttpResponseInit> {
  const checks = await Promise.all(container().healthChecks.map((c) => c.check()));
  const ready = checks.every((c) => c.ok);
  return {
    status: ready ? 200 : 503,
    jsonBody: { status: ready ? 'ok' : 'degraded', checks },
    headers: { 'cache-control': 'no-store' },
  };
}

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: health });
