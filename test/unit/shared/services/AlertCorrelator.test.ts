// The correlator with the embedded stores on a temporary database and a typed fake of the workflow port.
import { EmbeddedAlertStore } from '../../../../shared/adapters/sqlite/EmbeddedAlertStore';
import { EmbeddedCorrelationStore } from '../../../../shared/adapters/sqlite/EmbeddedCorrelationStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import type { Alert } from '../../../../shared/domain/alerts/Alert';
import { loadCatalog } from '../../../../shared/domain/catalog/loadCatalog';
import type { IncidentOrchestrationInput } from '../../../../shared/domain/contracts/incidentContracts';
import type { Logger } from '../../../../shared/logging';
import type { IncidentWorkflows } from '../../../../shared/ports/IncidentWorkflows';
import { AlertCorrelator } from '../../../../shared/services/AlertCorrelator';
import { sampleCatalogDir } from '../../../e2e/support/appRuntime';
import { tempDataDir } from '../../../local/support/testRuntime';
import { genericAlert } from '../../../support/genericAlert';

class FakeWorkflows implements IncidentWorkflows {
  readonly started: IncidentOrchestrationInput[] = [];
  readonly woken: { incidentId: string; alertId: string }[] = [];
  failNextStart = false;
  /** Lets a test hold a start in flight while another alert is correlated. */
  startGate: Promise<void> = Promise.resolve();

  async ensureStarted(input: IncidentOrchestrationInput): Promise<void> {
    await this.startGate;
    if (this.failNextStart) {
      this.failNextStart = false;
      throw new Error('host unavailable');
    }
    if (!this.started.some((s) => s.incidentId === input.incidentId)) this.started.push(input);
  }

  wake(incidentId: string, alertId: string): Promise<void> {
    this.woken.push({ incidentId, alertId });
    return Promise.resolve();
  }
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An alert for the correlator: the sample catalog routes label service=orders-api to orders-api. */
function labelledAlert(
  id: string,
  labels: Record<string, string>,
  status: 'fired' | 'resolved' = 'fired',
): Alert {
  return genericAlert({ id, labels, status, source: 'unit', severity: 'Sev1' });
}

describe('AlertCorrelator', () => {
  let db: EmbeddedDatabase;
  let workflows: FakeWorkflows;
  let correlator: AlertCorrelator;
  let alerts: EmbeddedAlertStore;

  beforeEach(() => {
    db = openEmbeddedDatabase(tempDataDir());
    workflows = new FakeWorkflows();
    alerts = new EmbeddedAlertStore(db);
    correlator = new AlertCorrelator({
      catalog: loadCatalog(sampleCatalogDir),
      alerts,
      correlation: new EmbeddedCorrelationStore(db),
      workflows,
      now: () => new Date('2026-11-22T03:12:05.000Z'),
      log: silent,
    });
  });
  afterEach(() => db.close());

  it('starts the incident once for the first alert, with the workload grouping window, and wakes it for the next', async () => {
    const first = await correlator.correlate(labelledAlert('a1', { service: 'orders-api' }));
    const second = await correlator.correlate(labelledAlert('a2', { service: 'orders-api' }));

    expect(first.routes).toEqual([expect.objectContaining({ outcome: 'opened', workloadId: 'orders-api' })]);
    expect(second.routes).toEqual([
      expect.objectContaining({ outcome: 'joined', started: true, signal: true }),
    ]);
    expect(workflows.started).toEqual([
      {
        incidentId: 'orders-api-20261122-031205',
        workloadId: 'orders-api',
        openedAt: '2026-11-22T03:12:05.000Z',
        groupingWindowSeconds: 600,
      },
    ]);
    expect(workflows.woken).toEqual([{ incidentId: 'orders-api-20261122-031205', alertId: second.alertId }]);
  });

  it('does not lose an alert that arrives while the orchestration is being created', async () => {
    let release: () => void = () => undefined;
    workflows.startGate = new Promise<void>((resolve) => (release = resolve));
    const opening = correlator.correlate(labelledAlert('a1', { service: 'orders-api' }));
    await new Promise((resolve) => setImmediate(resolve));
    const joining = correlator.correlate(labelledAlert('a2', { service: 'orders-api' }));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([opening, joining]);

    // The joiner saw no confirmed start, so it made sure of one itself and woke the orchestration.
    expect(workflows.started).toHaveLength(1);
    expect(workflows.woken.map((w) => w.incidentId)).toEqual(['orders-api-20261122-031205']);
  });

  it('starts the orchestration on redelivery when the first attempt failed to', async () => {
    const alert = labelledAlert('a1', { service: 'orders-api' });
    workflows.failNextStart = true;
    await expect(correlator.correlate(alert)).rejects.toThrow('host unavailable');

    const retry = await correlator.correlate(alert);

    expect(retry.routes).toEqual([expect.objectContaining({ outcome: 'already-recorded' })]);
    expect(workflows.started.map((s) => s.incidentId)).toEqual(['orders-api-20261122-031205']);
  });

  it('keeps an alert that matches no workload as unrouted and starts nothing', async () => {
    const report = await correlator.correlate(labelledAlert('x1', { service: 'someone-else' }));

    expect(report.routes).toEqual([]);
    expect(workflows.started).toEqual([]);
    expect(await alerts.get(report.alertId)).toMatchObject({ routing: 'unrouted', workloadIds: [] });
  });

  it('never opens an incident for a resolution alone', async () => {
    const report = await correlator.correlate(labelledAlert('r1', { service: 'orders-api' }, 'resolved'));

    expect(report.routes).toEqual([expect.objectContaining({ outcome: 'held' })]);
    expect(workflows.started).toEqual([]);
  });
});
