// POST /api/alerts: Azure Monitor (common schema), Alertmanager v4 and generic alerts in; 202 once every
// alert is durably enqueued. The key is checked here so Alertmanager can send it as a Bearer token.
import { trace } from '@opentelemetry/api';
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { container } from '../shared/container';
import { recordAlertsAccepted } from '../shared/telemetry/lifeboatMetrics';
import { ALERT_ID } from '../shared/telemetry/telemetryAttributes';
import { withTraceContext } from '../shared/telemetry/traceContextSender';
import { errorMessage, TransientError } from '../shared/errors';
import { invocationLogger } from '../shared/logging';
import { AlertIntake } from '../shared/services/AlertIntake';
import { errorResponse } from './http/errorResponse';
import { keyMatches, presentedKey } from './http/presentedKey';
import { readBodyWithin } from './http/readBodyWithin';

/** Azure Monitor's own webhook payload limit; anything bigger is not an alert. */
export const MAX_ALERT_BODY_BYTES = 256 * 1024;
const RETRY_AFTER_SECONDS = '5';

export async function alertIntake(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const log = invocationLogger(context);
  const { config } = container();
  if (config.intakeKey === undefined) {
    log.error('Alert intake refused a request: LIFEBOAT_INTAKE_KEY is not configured');
    return errorResponse(
      503,
      'intake_not_configured',
      'The alert intake has no key configured (LIFEBOAT_INTAKE_KEY).',
    );
  }
  if (!keyMatches(presentedKey(request), config.intakeKey)) {
    return errorResponse(
      401,
      'unauthorized',
      'A valid key is required: ?code=<key>, the x-functions-key header, or Authorization: Bearer <key>.',
      [],
      { 'www-authenticate': 'Bearer realm="lifeboat-alerts"' },
    );
  }

  const read = await readBodyWithin(request, MAX_ALERT_BODY_BYTES);
  if (!read.ok) {
    return errorResponse(
      413,
      'payload_too_large',
      `The body is over the ${MAX_ALERT_BODY_BYTES}-byte limit.`,
      [{ path: '', message: `expected at most ${MAX_ALERT_BODY_BYTES} bytes, got ${read.size} or more` }],
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(read.bytes.toString('utf8'));
  } catch (err) {
    return errorResponse(400, 'invalid_json', 'The body is not valid JSON.', [
      { path: '', message: `expected a JSON document: ${errorMessage(err)}` },
    ]);
  }

  try {
    const result = await new AlertIntake(withTraceContext(container().messageSender()), () =>
      container().catalog(),
    ).accept(body);
    if (!result.ok) {
      return errorResponse(400, result.error.code, result.error.message, result.error.details);
    }
    log.info('Alerts accepted', { format: result.format, count: result.alerts.length });
    recordAlertsAccepted(result.alerts.length, result.format);
    trace.getActiveSpan()?.setAttribute(
      `${ALERT_ID}s`,
      result.alerts.map((a) => a.id),
    );
    return {
      status: 202,
      jsonBody: { accepted: result.alerts.length, format: result.format, alerts: result.alerts },
      headers: { 'cache-control': 'no-store' },
    };
  } catch (err) {
    // Nothing was promised: the source retries the whole request (Azure Monitor retries on 503) and the
    // dedup ids drop what was enqueued the first time.
    log.error('Alerts could not be enqueued', {
      error: errorMessage(err),
      transient: err instanceof TransientError,
    });
    return errorResponse(
      503,
      'enqueue_unavailable',
      'The alerts could not be enqueued; retry the request.',
      [],
      {
        'retry-after': RETRY_AFTER_SECONDS,
      },
    );
  }
}

app.http('alertIntake', { route: 'alerts', methods: ['POST'], authLevel: 'anonymous', handler: alertIntake });
