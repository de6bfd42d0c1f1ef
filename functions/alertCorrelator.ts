// Queue trigger on `alerts`: validates each message and hands it to the correlator. A message that can
// never be processed is dead-lettered with its reason (kept in the alert store, visible over HTTP);
// anything else that fails is thrown, so the host redelivers it and, past the limit, dead-letters it.
import { app, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { DurableIncidentWorkflows } from '../shared/adapters/durable/DurableIncidentWorkflows';
import { container } from '../shared/container';
import { annotateActiveSpan } from '../shared/telemetry/tracing';
import { alertSchema } from '../shared/domain/alerts/Alert';
import { ALERTS_QUEUE, SERVICE_BUS_CONNECTION } from '../shared/domain/contracts/queues';
import { formatZodIssues } from '../shared/domain/validation/formatZodIssues';
import { invocationLogger } from '../shared/logging';
import type { IncidentWorkflows } from '../shared/ports/IncidentWorkflows';
import { durableInstanceApi } from './durable/durableInstanceApi';
import { AlertCorrelator } from '../shared/services/AlertCorrelator';

/** Enough of a poison message to diagnose it, never an unbounded copy. */
const DEAD_LETTER_BODY_PREVIEW_CHARS = 16 * 1024;

export async function alertCorrelator(message: unknown, context: InvocationContext): Promise<void> {
  const log = invocationLogger(context);
  const c = container();
  const rawMessageId = context.triggerMetadata?.messageId;
  const messageId = typeof rawMessageId === 'string' ? rawMessageId : context.invocationId;
  const parsed = alertSchema.safeParse(message);
  if (!parsed.success) {
    const details = formatZodIssues(parsed.error.issues);
    await c.alertStore().recordDeadLetter({
      messageId,
      entity: ALERTS_QUEUE,
      reason: 'InvalidAlertMessage',
      details,
      body: preview(message),
      deadLetteredAt: c.now().toISOString(),
    });
    log.error('Alert message dead-lettered: it is not a normalised alert', {
      messageId,
      issues: details.length,
    });
    return;
  }
  const correlator = new AlertCorrelator({
    catalog: c.catalog(),
    alerts: c.alertStore(),
    correlation: c.correlationStore(),
    workflows: lazyWorkflows(
      () => new DurableIncidentWorkflows(df.getClient(context), durableInstanceApi(context)),
    ),
    now: () => c.now(),
    log,
  });
  const report = await correlator.correlate(parsed.data);
  // The incident(s) the alert joined or started: the trace of this alert is theirs from here on.
  const incidentIds = report.routes.flatMap((r) => (r.incidentId ? [r.incidentId] : []));
  annotateActiveSpan({
    alertId: report.alertId,
    ...(incidentIds.length ? { incidentId: incidentIds.join(',') } : {}),
  });
}

/**
 * Most alerts join an incident that is already started and awake, and need no Durable client: building
 * one (an HTTP client per invocation) is left until a start or a wake-up needs it.
 */
function lazyWorkflows(make: () => IncidentWorkflows): IncidentWorkflows {
  let made: IncidentWorkflows | undefined;
  const workflows = () => (made ??= make());
  return {
    ensureStarted: (input) => workflows().ensureStarted(input),
    wake: (incidentId, alertId) => workflows().wake(incidentId, alertId),
  };
}

function preview(message: unknown): string {
  let text: string;
  try {
    text = typeof message === 'string' ? message : (JSON.stringify(message) ?? String(message));
  } catch {
    text = String(message);
  }
  return text.length > DEAD_LETTER_BODY_PREVIEW_CHARS
    ? `${text.slice(0, DEAD_LETTER_BODY_PREVIEW_CHARS)}…`
    : text;
}

app.serviceBusQueue('alertCorrelator', {
  connection: SERVICE_BUS_CONNECTION,
  queueName: ALERTS_QUEUE,
  extraInputs: [df.input.durableClient()],
  handler: alertCorrelator,
});
