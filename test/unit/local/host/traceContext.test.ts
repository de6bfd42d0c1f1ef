import {
  parentTraceContextField,
  traceContextFromExecutionStarted,
  traceContextFromHeaders,
  traceContextFromProperties,
} from '../../../../local/host/traceContext';
import { historyEvent } from '../../../../local/durable/historyEvents';

const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context the local host hands invocations', () => {
  it('takes a W3C traceparent header with its tracestate', () => {
    expect(traceContextFromHeaders({ traceparent: parent, tracestate: 'az=1' })).toEqual({
      traceParent: parent,
      traceState: 'az=1',
    });
  });

  it('ignores a malformed traceparent rather than passing it on', () => {
    expect(traceContextFromHeaders({ traceparent: '00-not-a-trace-01' })).toBeUndefined();
    expect(traceContextFromHeaders({})).toBeUndefined();
  });

  it("reads a message's Diagnostic-Id, as the Service Bus SDK writes it", () => {
    expect(traceContextFromProperties({ 'Diagnostic-Id': parent, source: 'x' })).toEqual({
      traceParent: parent,
    });
    expect(traceContextFromProperties({ traceparent: parent })).toEqual({ traceParent: parent });
  });

  it("keeps the starter's trace on ExecutionStarted as ParentTraceContext and reads it back", () => {
    const started = historyEvent.executionStarted(0, 'incident', {}, { traceParent: parent });
    expect(started).toMatchObject({ ParentTraceContext: { TraceParent: parent } });
    expect(traceContextFromExecutionStarted(started)).toEqual({ traceParent: parent });
    expect(
      traceContextFromExecutionStarted(historyEvent.executionStarted(0, 'incident', {})),
    ).toBeUndefined();
    expect(parentTraceContextField(undefined)).toEqual({});
  });
});
