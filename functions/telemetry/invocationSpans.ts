// Every HTTP, Service Bus and activity invocation runs in a span, a child of the trace context the host hands
// the invocation (the host's own span: the request, the message's Diagnostic-Id, Durable's activity span), with
// the ids it is about — an activity's incident, a request's incident route — on the span and on every log
// written inside it. Orchestrator episodes get none: they replay, and Durable's distributed tracing spans the
// orchestration itself (host.json extensions.durableTask.tracing).
import { app, type InvocationContext, type PreInvocationContext } from '@azure/functions';
import { trace } from '@opentelemetry/api';
import type { LogIds } from '../../shared/logging';
import { contextFromTraceParent, inSpan, SpanKind } from '../../shared/telemetry/tracing';

export function registerInvocationSpans(): void {
  app.hook.preInvocation((hook: PreInvocationContext) => {
    const span = spanFor(hook.invocationContext, hook.inputs[0]);
    if (!span) return;
    const handler = hook.functionHandler;
    const traceParent = hook.invocationContext.traceContext?.traceParent;
    const parent = contextFromTraceParent(
      traceParent
        ? {
            traceParent,
            ...(hook.invocationContext.traceContext?.traceState
              ? { traceState: hook.invocationContext.traceContext.traceState }
              : {}),
          }
        : undefined,
    );
    hook.functionHandler = (input: unknown, context: InvocationContext) =>
      inSpan(span.name, { kind: span.kind, ids: span.ids, parent }, async () => {
        const result: unknown = await handler(input, context);
        const status = (result as { status?: unknown } | undefined)?.status;
        if (typeof status === 'number')
          trace.getActiveSpan()?.setAttribute('http.response.status_code', status);
        return result;
      });
  });
}

interface InvocationSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly ids: LogIds;
}

function spanFor(context: InvocationContext, input: unknown): InvocationSpan | undefined {
  const trigger = context.options.trigger;
  const ids = { functionName: context.functionName, invocationId: context.invocationId };
  switch (trigger.type) {
    case 'httpTrigger': {
      const request = input as { method?: string; params?: Record<string, string> } | undefined;
      const route = typeof trigger.route === 'string' ? trigger.route : context.functionName;
      // Routes under incidents/{id} are about that incident.
      const incidentId = route.startsWith('incidents/{id}') ? request?.params?.id : undefined;
      return {
        name: `${request?.method ?? 'HTTP'} /api/${route}`,
        kind: SpanKind.SERVER,
        ids: { ...ids, ...(incidentId ? { incidentId } : {}) },
      };
    }
    case 'serviceBusTrigger': {
      const named = trigger.queueName ?? trigger.topicName;
      const entity = typeof named === 'string' ? named : context.functionName;
      const messageId = context.triggerMetadata?.messageId;
      return {
        name: `process ${entity}`,
        kind: SpanKind.CONSUMER,
        ids: { ...ids, ...(typeof messageId === 'string' ? { messageId } : {}) },
      };
    }
    case 'activityTrigger':
      return {
        name: `activity ${context.functionName}`,
        kind: SpanKind.INTERNAL,
        ids: { ...ids, ...aboutIds(input) },
      };
    default:
      return undefined; // orchestrations and entities: Durable's tracing covers them
  }
}

/** The ids an activity input names at its top level (every incident activity has `incidentId`). */
function aboutIds(input: unknown): LogIds {
  if (typeof input !== 'object' || input === null) return {};
  const record = input as Record<string, unknown>;
  const ids: Record<string, string> = {};
  for (const key of ['incidentId', 'workloadId', 'instanceId'] as const) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') ids[key] = value;
  }
  return ids;
}
