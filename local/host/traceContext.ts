// The trace context the Functions host hands each invocation (RPC `traceContext`): a W3C traceparent the
// app's spans continue. Locally it comes from where the host would take it: an HTTP request's traceparent
// header, a Service Bus message's Diagnostic-Id, the orchestration's ParentTraceContext (the durable client
// sends its caller's traceparent when it starts an instance).
import type { HistoryEvent } from '../durable/historyEvents';

export interface RpcTraceContext {
  readonly traceParent: string;
  readonly traceState?: string;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function traceContextOf(traceParent: unknown, traceState?: unknown): RpcTraceContext | undefined {
  if (typeof traceParent !== 'string' || !TRACEPARENT.test(traceParent.trim())) return undefined;
  return {
    traceParent: traceParent.trim(),
    ...(typeof traceState === 'string' && traceState !== '' ? { traceState } : {}),
  };
}

export function traceContextFromHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): RpcTraceContext | undefined {
  return traceContextOf(headers.traceparent, headers.tracestate);
}

/** A message's `Diagnostic-Id` (what the Service Bus SDK writes), else a `traceparent` property. */
export function traceContextFromProperties(
  properties: Readonly<Record<string, unknown>>,
): RpcTraceContext | undefined {
  return traceContextOf(properties['Diagnostic-Id']) ?? traceContextOf(properties.traceparent);
}

/** The ParentTraceContext of an ExecutionStarted event (DurableTask's field name and shape). */
export function traceContextFromExecutionStarted(
  event: HistoryEvent | undefined,
): RpcTraceContext | undefined {
  const parent = event?.ParentTraceContext as { TraceParent?: unknown; TraceState?: unknown } | undefined;
  return traceContextOf(parent?.TraceParent, parent?.TraceState);
}

export function parentTraceContextField(trace: RpcTraceContext | undefined): Record<string, unknown> {
  return trace
    ? {
        ParentTraceContext: {
          TraceParent: trace.traceParent,
          ...(trace.traceState ? { TraceState: trace.traceState } : {}),
        },
      }
    : {};
}
