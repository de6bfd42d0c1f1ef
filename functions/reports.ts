// Documents made from recorded data: GET /api/incidents/{id}/report (the post-incident report) and
// GET /api/workloads/{id}/runbook (the printable runbook), each a printable page or `?format=md`.
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { container } from '../shared/container';
import { findWorkload } from '../shared/domain/catalog/Catalog';
import { buildIncidentReport } from '../shared/domain/report/incidentReport';
import { renderReportMarkdown } from '../shared/domain/report/renderReportMarkdown';
import { renderRunbookMarkdown } from '../shared/domain/report/renderRunbookMarkdown';
import { reportPageView } from '../shared/domain/report/reportPageView';
import { buildRunbookDocument } from '../shared/domain/report/runbookDocument';
import { runbookPageView } from '../shared/domain/report/runbookPageView';
import { authorizeReader } from './console/consoleAuth';
import { errorResponse } from './http/errorResponse';
import { htmlResponse, renderPage } from './http/htmlResponse';
import { parseQuery } from './http/parseQuery';

const formatQuerySchema = z.strictObject({
  format: z.enum(['html', 'md']).default('html'),
});

function markdownResponse(markdown: string, filename: string): HttpResponseInit {
  return {
    status: 200,
    body: markdown,
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `inline; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  };
}

export async function incidentReport(request: HttpRequest): Promise<HttpResponseInit> {
  const auth = authorizeReader(request, container().config, 'viewer', container().now().getTime());
  if (!auth.ok) return auth.response;
  const query = parseQuery(request, formatQuerySchema);
  if (!query.ok) return query.response;
  const id = request.params.id ?? '';
  const store = container().incidentStore();
  const incident = await store.get(id);
  if (incident === undefined) return errorResponse(404, 'not_found', `No incident '${id}'.`);
  const timeline = await store.timeline(id);
  const report = buildIncidentReport(
    incident,
    timeline,
    findWorkload(container().catalog(), incident.workloadId),
    container().now(),
  );
  return query.value.format === 'md'
    ? markdownResponse(renderReportMarkdown(report), `${incident.id}-report.md`)
    : htmlResponse(200, renderPage('incident-report', reportPageView(report)));
}

export function workloadRunbook(request: HttpRequest): HttpResponseInit {
  const auth = authorizeReader(request, container().config, 'viewer', container().now().getTime());
  if (!auth.ok) return auth.response;
  const query = parseQuery(request, formatQuerySchema);
  if (!query.ok) return query.response;
  const id = request.params.id ?? '';
  const catalog = container().catalog();
  const workload = findWorkload(catalog, id);
  if (workload === undefined) {
    return errorResponse(
      404,
      'not_found',
      `No workload '${id}'. Workloads: ${catalog.workloads.map((w) => w.id).join(', ') || 'none'}.`,
    );
  }
  const doc = buildRunbookDocument(workload, catalog);
  return query.value.format === 'md'
    ? markdownResponse(renderRunbookMarkdown(doc), `${workload.id}-runbook.md`)
    : htmlResponse(200, renderPage('workload-runbook', runbookPageView(doc)));
}

app.http('incidentReport', {
  route: 'incidents/{id}/report',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: incidentReport,
});
app.http('workloadRunbook', {
  route: 'workloads/{id}/runbook',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: workloadRunbook,
});
