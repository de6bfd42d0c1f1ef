// Spans around Lifeboat's own work (function invocations, step calls), parented the way the Functions host
// passes trace context, and the ids an invocation is about, which every span and log inside it carries.
import {
  context,
  createContextKey,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ensureErrorType } from '../errors';
import type { LogIds } from '../logging';
import { idAttributes } from './telemetryAttributes';

export { SpanKind };

const tracer = () => trace.getTracer('lifeboat');
/** W3C Trace Context, whatever propagator the SDK registered: it is the format the host and Service Bus use. */
const w3c = new W3CTraceContextPropagator();
const IDS = createContextKey('lifeboat.ids');
/** The ids of each live span, so attributes added after a span starts also reach logs written under it. */
const idsOfSpan = new WeakMap<object, Record<string, string | number | boolean>>();

export interface TraceParent {
  readonly traceParent: string;
  readonly traceState?: string;
}

/** A context whose parent is a W3C `traceparent` (the host's invocation span, a message's Diagnostic-Id). */
export function contextFromTraceParent(parent: TraceParent | undefined): Context {
  if (!parent) return ROOT_CONTEXT;
  const carrier: Record<string, string> = { traceparent: parent.traceParent };
  if (parent.traceState) carrier.tracestate = parent.traceState;
  return w3c.extract(ROOT_CONTEXT, carrier, {
    get: (c: Record<string, string>, key: string) => c[key],
    keys: (c: Record<string, string>) => Object.keys(c),
  });
}

/** The active span as a `traceparent`, for a message or call that continues this trace elsewhere. */
export function activeTraceParent(): string | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(context.active(), carrier, {
    set: (c: Record<string, string>, key: string, value: string) => {
      c[key] = value;
    },
  });
  return carrier.traceparent;
}

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly ids?: LogIds;
  readonly attributes?: Attributes;
  /** The parent; the active context by default. */
  readonly parent?: Context;
}

/** Runs `work` in a new span, which ends when it settles and records a thrown error. */
export async function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  const inherited = (parent.getValue(IDS) as Record<string, string | number | boolean> | undefined) ?? {};
  const ids = { ...inherited, ...definedIds(options.ids) };
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: { ...options.attributes, ...idAttributes(ids) } },
    parent,
  );
  idsOfSpan.set(span, ids);
  try {
    return await context.with(trace.setSpan(parent.setValue(IDS, ids), span), work);
  } catch (err) {
    const error = ensureErrorType(err);
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    throw err;
  } finally {
    span.end();
  }
}

/** Adds ids learnt during the work (the incident an alert joined) to the active span and its later logs. */
export function annotateActiveSpan(ids: LogIds): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.setAttributes(idAttributes(ids));
  const known = idsOfSpan.get(span);
  if (known) Object.assign(known, definedIds(ids));
}

/** The ids of the active span: what a log written now is about. */
export function activeIds(): LogIds {
  const span = trace.getActiveSpan();
  return (span && idsOfSpan.get(span)) ?? {};
}

function definedIds(ids: LogIds | undefined): Record<string, string | number | boolean> {
  const defined: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(ids ?? {})) if (value !== undefined) defined[key] = value;
  return defined;
}
