import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { idAttributes } from '../../../../shared/telemetry/telemetryAttributes';
import {
  activeIds,
  activeTraceParent,
  annotateActiveSpan,
  contextFromTraceParent,
  inSpan,
} from '../../../../shared/telemetry/tracing';

describe('idAttributes', () => {
  it('names ids lifeboat.<dotted name> and drops undefined ones', () => {
    expect(idAttributes({ incidentId: 'i-1', instanceId: 'x', count: 2, stepId: undefined })).toEqual({
      'lifeboat.incident.id': 'i-1',
      'lifeboat.instance.id': 'x',
      'lifeboat.count': 2,
    });
  });
});

describe('inSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  it('continues a traceparent, passes ids down to child spans and logs, and records a thrown error', async () => {
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await expect(
      inSpan(
        'outer',
        { ids: { incidentId: 'i-1' }, parent: contextFromTraceParent({ traceParent: parent }) },
        () =>
          inSpan('inner', { ids: { stepId: 's-1' } }, () => {
            annotateActiveSpan({ alertId: 'a-1' });
            expect(activeIds()).toEqual({ incidentId: 'i-1', stepId: 's-1', alertId: 'a-1' });
            expect(activeTraceParent()).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
            throw new Error('step failed');
          }),
      ),
    ).rejects.toThrow('step failed');
    const [inner, outer] = exporter.getFinishedSpans();
    expect(outer?.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(outer?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(inner?.attributes).toMatchObject({
      'lifeboat.incident.id': 'i-1',
      'lifeboat.step.id': 's-1',
      'lifeboat.alert.id': 'a-1',
    });
    expect(inner?.status).toMatchObject({ code: 2, message: 'step failed' });
    expect(outer?.attributes).not.toHaveProperty('lifeboat.step.id');
  });

  it('starts a new trace without a parent', async () => {
    await inSpan('root', {}, () => Promise.resolve());
    expect(exporter.getFinishedSpans()[0]?.parentSpanContext).toBeUndefined();
  });
});
