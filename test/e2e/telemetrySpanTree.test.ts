// Telemetry end to end in the local runtime with in-memory OpenTelemetry exporters: one alert, through the
// intake, the queue, the correlator, the incident's activities, the approval request, and (after the approval)
// the runbook's step call, is one trace; every span from the correlator on carries the incident id, the
// intake span carries the alert id that the correlator span links to it; logs carry the ids as attributes;
// the custom metrics count what happened once.
import { context, metrics, propagation, trace, type Attributes } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ManualClock } from '../../local/clock/Clock';
import { waitFor } from '../local/support/testRuntime';
import { HttpTarget } from '../support/httpTarget';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const APPROVER = 'approver-key-0123456789abcdef';
const INCIDENT = 'lifeboat.incident.id';

describe('telemetry: one alert is one trace', () => {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const logRecords = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor(logRecords)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const metricReader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [metricReader] });
  const target = new HttpTarget(() => ({ status: 200, body: 'switched' }));
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let app: Awaited<ReturnType<typeof startAppRuntime>>;

  beforeAll(async () => {
    // What useAzureMonitor does in Azure: global providers, W3C propagation, async context.
    tracerProvider.register();
    logs.setGlobalLoggerProvider(loggerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
    await target.start();
    const catalogDir = writeRunbookCatalog([
      {
        id: 'traced-api',
        steps: [
          {
            id: 'switch-traffic',
            name: 'Switch traffic',
            type: 'http',
            request: { method: 'POST', url: `${target.url}/switch`, body: { to: 'secondary' } },
            retry: 'none',
          },
        ],
      },
    ]);
    app = await startAppRuntime({
      catalogDir,
      clock,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([{ key: APPROVER, name: 'alice', roles: ['approver'] }]),
      },
    });
  });
  afterAll(async () => {
    await app.stop();
    await target.stop();
    await tracerProvider.shutdown();
    await loggerProvider.shutdown();
    await meterProvider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    logs.disable();
    metrics.disable();
  });

  const attributes = (span: ReadableSpan): Attributes => span.attributes;
  const named = (all: readonly ReadableSpan[], name: string) => all.filter((s) => s.name === name);

  it('follows the alert from intake to the approval request and the step call, in one trace', async () => {
    const res = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: 'traced-alert-1',
          status: 'fired',
          severity: 'Sev0',
          summary: 'traced-api is down',
          firedAt: new Date(clock.now() - 60_000).toISOString(),
          labels: { service: 'traced-api' },
        },
      ],
    });
    expect(res.status).toBe(202);
    const alertId = ((await res.json()) as { alerts: { id: string }[] }).alerts[0]?.id;
    await app.runtime.idle();
    await waitFor('the approval request', () =>
      app.outboxLines.some((l) => l.includes('/api/approvals/')) ? true : undefined,
    );
    const incidentId = app.incidentIds()[0];
    if (incidentId === undefined || alertId === undefined) throw new Error('no incident');

    const approve = await fetch(app.api(`incidents/${incidentId}/actions/approve`), {
      method: 'POST',
      headers: { authorization: `Bearer ${APPROVER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ comment: 'traced' }),
    });
    expect(approve.status).toBe(202);
    await app.runtime.idle();
    await waitFor('the step call', () => (target.requests.length > 0 ? true : undefined));
    await waitFor('the step span', () =>
      spans.getFinishedSpans().some((s) => s.name === 'step switch-traffic') ? true : undefined,
    );

    const finished = spans.getFinishedSpans();
    const [intake] = named(finished, 'POST /api/alerts');
    expect(intake).toBeDefined();
    const traceId = intake?.spanContext().traceId;
    const inTrace = finished.filter((s) => s.spanContext().traceId === traceId);

    // The intake is the root (the request came without a traceparent); it knows the alert, not the incident yet.
    expect(intake?.parentSpanContext).toBeUndefined();
    expect(intake && attributes(intake)['lifeboat.alert.ids']).toEqual([alertId]);
    // The correlator continues it from the message's Diagnostic-Id and names both: the link.
    const [correlator] = named(inTrace, 'process alerts');
    expect(correlator?.parentSpanContext?.spanId).toBe(intake?.spanContext().spanId);
    expect(correlator && attributes(correlator)).toMatchObject({
      'lifeboat.alert.id': alertId,
      [INCIDENT]: incidentId,
    });
    // The orchestrations' activities, the approval request and the step call belong to the same trace.
    const names = new Set(inTrace.map((s) => s.name));
    for (const expected of [
      'activity openIncident',
      'activity sendApprovalNotification',
      'step switch-traffic',
    ]) {
      expect(names).toContain(expected);
    }
    // Every span after the intake carries the incident id, and the tree is connected.
    const ids = new Set(inTrace.map((s) => s.spanContext().spanId));
    for (const span of inTrace.filter((s) => s !== intake)) {
      expect({ span: span.name, incident: attributes(span)[INCIDENT] }).toEqual({
        span: span.name,
        incident: incidentId,
      });
      expect(ids.has(span.parentSpanContext?.spanId ?? '')).toBe(true);
    }
    // All the incident's spans are in this trace except those of the operator's approval request.
    const elsewhere = finished.filter(
      (s) => attributes(s)[INCIDENT] === incidentId && s.spanContext().traceId !== traceId,
    );
    expect(elsewhere.map((s) => s.name)).toEqual([`POST /api/incidents/{id}/actions/{action}`]);
    const [step] = named(inTrace, 'step switch-traffic');
    expect(step && attributes(step)).toMatchObject({
      'lifeboat.step.id': 'switch-traffic',
      'lifeboat.step.outcome': 'succeeded',
    });
  });

  it('writes logs with the ids as attributes, not only in the text', () => {
    const records = logRecords.getFinishedLogRecords();
    const accepted = records.find((r) => r.body === 'Alerts accepted');
    // Its own ids, and those of the invocation's span it was written in (which the call did not name).
    expect(accepted?.attributes).toMatchObject({
      'lifeboat.format': 'generic-v1',
      'lifeboat.count': 1,
      'lifeboat.function.name': 'alertIntake',
    });
    const correlated = records.find((r) => r.body === 'Alert correlated');
    expect(correlated?.attributes).toMatchObject({ 'lifeboat.function.name': 'alertCorrelator' });
    expect(typeof correlated?.attributes[INCIDENT]).toBe('string');
    // Each record is in the trace of the span it was written in.
    expect(accepted?.spanContext?.traceId).toBe(correlated?.spanContext?.traceId);
  });

  it('counts the accepted alert and times the approval request, the decision, the step and the RTO once', async () => {
    await metricReader.forceFlush();
    const exported =
      metricExporter
        .getMetrics()
        .at(-1)
        ?.scopeMetrics.flatMap((s) => s.metrics) ?? [];
    const metric = (name: string) => exported.find((m) => m.descriptor.name === name);
    const sum = (name: string) =>
      (metric(name)?.dataPoints ?? []).reduce((total, p) => total + (p.value as number), 0);
    const count = (name: string) =>
      (metric(name)?.dataPoints ?? []).reduce((total, p) => total + (p.value as { count: number }).count, 0);
    expect(sum('lifeboat.alerts.accepted')).toBe(1);
    expect(count('lifeboat.incident.time_to_approval_request')).toBe(1);
    expect(count('lifeboat.incident.time_to_decision')).toBe(1);
    expect(count('lifeboat.step.duration')).toBe(1);
    // Recovered (no secondary health checks to wait for): the RTO achieved, beside its target.
    expect(count('lifeboat.incident.rto_achieved')).toBe(1);
    expect(metric('lifeboat.incident.rto_achieved')?.dataPoints[0]?.attributes).toMatchObject({
      'lifeboat.rto.met': true,
      'lifeboat.workload.id': 'traced-api',
    });
  });
});
