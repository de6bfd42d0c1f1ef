// The evaluator on typed fakes: each workload at its own cadence, a change of state told once (the store
// says which evaluation changed it), the first evaluation told unless it is ready, and every check's
// outcome gathered into the result.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../../../../shared/domain/catalog/Catalog';
import type { LagSource } from '../../../../shared/domain/catalog/replicationSchema';
import type { Incident } from '../../../../shared/domain/incident/Incident';
import type { ReadinessResult } from '../../../../shared/domain/readiness/ReadinessResult';
import type { Logger } from '../../../../shared/logging';
import type {
  HealthProbe,
  HealthProbeRequest,
  HealthProbeResult,
} from '../../../../shared/ports/HealthProbe';
import type { HostResolver } from '../../../../shared/ports/HostResolver';
import type { AzureStepExecutor, AzureTargetCheck } from '../../../../shared/ports/AzureStepExecutor';
import type { AzureStep } from '../../../../shared/domain/runbook/runbookStepSchema';
import { parseCatalogFiles } from '../../../../shared/domain/catalog/parseCatalogFiles';
import type { IncidentQuery, IncidentStore } from '../../../../shared/ports/IncidentStore';
import type { LagReader, LagReading } from '../../../../shared/ports/LagReader';
import type { Page } from '../../../../shared/ports/Page';
import type { ReadinessStore, RecordedReadiness } from '../../../../shared/ports/ReadinessStore';
import { ReadinessEvaluator, type ReadinessChange } from '../../../../shared/services/ReadinessEvaluator';
import { nonNullValue } from '../../../../shared/nonNull';
import { sampleCatalog } from '../domain/readiness/readinessTestCatalog';

class FakeProbe implements HealthProbe {
  healthy = true;
  readonly urls: string[] = [];
  probe(request: HealthProbeRequest): Promise<HealthProbeResult> {
    this.urls.push(request.url);
    return Promise.resolve(
      this.healthy
        ? { ok: true, status: 200, latencyMs: 3, reason: 'answered 200' }
        : { ok: false, status: 503, latencyMs: 3, reason: 'answered 503' },
    );
  }
}

class FakeLag implements LagReader {
  lagSeconds = 4;
  read(_source: LagSource, now: Date): Promise<LagReading> {
    return Promise.resolve({ ok: true, lagSeconds: this.lagSeconds, measuredAt: now.toISOString() });
  }
}

class FakeResolver implements HostResolver {
  resolve(): Promise<{ ok: true }> {
    return Promise.resolve({ ok: true });
  }
}

/** Every Azure target readable, except the steps named in `unreadable`. */
class FakeAzureTargets implements Pick<AzureStepExecutor, 'checkTarget'> {
  readonly unreadable = new Set<string>();
  readonly checked: string[] = [];
  checkTarget(step: AzureStep): Promise<AzureTargetCheck> {
    this.checked.push(step.id);
    return Promise.resolve(
      this.unreadable.has(step.id)
        ? { ok: false, detail: 'ARM answered 403: the identity lacks Reader on the resource' }
        : { ok: true, detail: 'found' },
    );
  }
}

class FakeIncidents implements Pick<IncidentStore, 'list'> {
  readonly queries: IncidentQuery[] = [];
  list(query: IncidentQuery): Promise<Page<Incident>> {
    this.queries.push(query);
    return Promise.resolve({ items: [] });
  }
}

/** The store's semantics in memory: newest is latest; the previous state comes back with each record. */
class MemoryReadiness implements ReadinessStore {
  readonly results: ReadinessResult[] = [];
  record(result: ReadinessResult): Promise<RecordedReadiness> {
    const previous = this.results.at(-1);
    this.results.push(result);
    return Promise.resolve(previous ? { previousState: previous.state, latest: true } : { latest: true });
  }
  latest(): Promise<ReadinessResult | undefined> {
    return Promise.resolve(this.results.at(-1));
  }
  history(): Promise<ReadinessResult[]> {
    return Promise.resolve([...this.results].reverse());
  }
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const MINUTE = 60_000;

function setup(catalog: Catalog = sampleCatalog()) {
  const probe = new FakeProbe();
  const lag = new FakeLag();
  const incidents = new FakeIncidents();
  const store = new MemoryReadiness();
  const azure = new FakeAzureTargets();
  const told: ReadinessChange[] = [];
  const evaluator = new ReadinessEvaluator({
    catalog: () => catalog,
    healthProbe: probe,
    lagReader: lag,
    hostResolver: new FakeResolver(),
    azureSteps: azure,
    incidents,
    readiness: store,
    secret: () => 'set',
    channels: { email: true, teams: true, enforced: false },
    tell: (change) => {
      told.push(change);
      return Promise.resolve();
    },
    log: silent,
  });
  return { probe, lag, incidents, store, told, evaluator, azure };
}

const t0 = new Date('2026-11-22T03:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

it('evaluates a workload when its cadence is due, and not before', async () => {
  const { evaluator, store } = setup();
  expect(await evaluator.evaluateDue(at(0))).toHaveLength(1);
  expect(await evaluator.evaluateDue(at(14))).toHaveLength(0);
  expect(await evaluator.evaluateDue(at(15))).toHaveLength(1);
  expect(store.results.map((r) => r.evaluatedAt)).toEqual([at(0).toISOString(), at(15).toISOString()]);
});

it('tells a change once, and the first evaluation only when it is not ready', async () => {
  const { evaluator, probe, told } = setup();
  await evaluator.evaluateDue(at(0)); // degraded: never drilled
  expect(told.map((c) => [c.previousState, c.result.state])).toEqual([[undefined, 'degraded']]);
  probe.healthy = false;
  await evaluator.evaluateDue(at(15));
  await evaluator.evaluateDue(at(30));
  await evaluator.evaluateDue(at(45));
  expect(told.map((c) => [c.previousState, c.result.state])).toEqual([
    [undefined, 'degraded'],
    ['degraded', 'not-ready'],
  ]);
});

it('probes the readiness health checks, reads the drill history by workload and mode, and keeps the worst lag', async () => {
  const { evaluator, probe, incidents, lag } = setup();
  lag.lagSeconds = 200;
  const { result } = await evaluator.evaluateAndRecord(
    nonNullValue(sampleCatalog().workloads[0], 'workload'),
    'request',
    at(0),
  );
  expect(probe.urls.sort()).toEqual(['http://127.0.0.1:7081/health', 'http://127.0.0.1:7082/ready']);
  expect(incidents.queries).toEqual([{ workloadId: 'orders-api', mode: 'drill', limit: 1 }]);
  expect(result.replication).toEqual({
    source: 'orders-db',
    lagSeconds: 200,
    measuredAt: at(0).toISOString(),
  });
  expect(result.state).toBe('degraded');
  expect(result.reasons).toEqual([
    'replication orders-db is 3 m 20 s behind (warns at 2 m 30 s)',
    'never drilled: no drill incident for this workload',
  ]);
});

it('keeps when the failover runbook last changed, from evaluation to evaluation', async () => {
  const { evaluator, store } = setup();
  await evaluator.evaluateDue(at(0));
  await evaluator.evaluateDue(at(15));
  expect(store.results[1]?.runbook?.since).toBeUndefined(); // as first seen
  const changed = sampleCatalog();
  const evaluator2 = setup({
    ...changed,
    runbooks: changed.runbooks.map((r) =>
      r.id === 'orders-api-failover' ? { ...r, name: `${r.name} (edited)` } : r,
    ),
  });
  await evaluator2.store.record(nonNullValue(store.results[1], 'second evaluation'));
  const { result } = await evaluator2.evaluator.evaluateAndRecord(
    nonNullValue(changed.workloads[0], 'workload'),
    'schedule',
    at(30),
  );
  expect(result.runbook?.since).toBe(at(30).toISOString());
});

it("reads every Azure step's target, and fails readiness on one it cannot read", async () => {
  const catalogDir = path.resolve(__dirname, '../../../../catalog');
  const file = (p: string) => ({ path: p, text: readFileSync(path.join(catalogDir, p), 'utf8') });
  const catalog = parseCatalogFiles([
    file('workloads/payments-api.yaml'),
    file('runbooks/payments-api-failover.yaml'),
    file('runbooks/payments-api-failback.yaml'),
  ]);
  const { evaluator, azure } = setup(catalog);
  const workload = nonNullValue(catalog.workloads[0], 'workload');
  const ready = await evaluator.evaluate(workload, 'request', at(0));
  const targets = ready.checks.filter((c) => c.kind === 'azure-targets');
  expect(targets.length).toBeGreaterThan(3);
  expect(targets.every((c) => c.status === 'pass')).toBe(true);
  expect(azure.checked).toEqual(targets.map((c) => c.name));

  const [first] = azure.checked;
  azure.unreadable.add(nonNullValue(first, 'an Azure step'));
  const broken = await evaluator.evaluate(workload, 'request', at(1));
  expect(broken.state).toBe('not-ready');
  expect(broken.reasons).toContainEqual(
    expect.stringMatching(
      new RegExp(`^step ${first} \\(azure\\.[\\w.]+\\) cannot read its target: ARM answered 403`),
    ),
  );
});
