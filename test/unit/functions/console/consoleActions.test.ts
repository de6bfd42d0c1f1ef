// The console's buttons for the follow-up phases: shown when the action is possible (failback on a recovered
// incident whose workload has a failback runbook, rollback on a failed or aborted failover with something to
// undo), hidden once the phase runs, and the lifecycle strip of a follow-up.
import { consoleActions } from '../../../../functions/console/consoleActions';
import { followUpStrip } from '../../../../functions/console/lifecycleStrip';
import type { Identity } from '../../../../shared/domain/auth/Identity';
import { parseCatalogFiles } from '../../../../shared/domain/catalog/parseCatalogFiles';
import type { Incident } from '../../../../shared/domain/incident/Incident';
import { yamlFile } from '../../shared/domain/catalog/catalogTestSupport';
import { failingOverIncident } from '../../shared/domain/incident/incidentTestSupport';
import { runbookInput, workloadWithRunbook } from '../../shared/domain/runbook/runbookTestSupport';

const oscar: Identity = { name: 'oscar', roles: ['operator'], via: 'key' };
const runbook = { id: 'orders-api-failover', name: 'Failover', purpose: 'failover' as const };

function catalog(withFailback: boolean) {
  return parseCatalogFiles([
    yamlFile(
      'workloads/orders-api.yaml',
      workloadWithRunbook({
        runbooks: {
          failover: 'orders-api-failover',
          ...(withFailback ? { failback: 'orders-api-failback' } : {}),
        },
      }),
    ),
    yamlFile('runbooks/orders-api-failover.yaml', runbookInput()),
    ...(withFailback
      ? [yamlFile('runbooks/orders-api-failback.yaml', runbookInput({ id: 'orders-api-failback' }))]
      : []),
  ]);
}

const incident = (changes: Partial<Incident>): Incident => ({
  ...failingOverIncident({ runbook }),
  version: 5,
  ...changes,
});
const actions = (i: Incident, withFailback = true) =>
  consoleActions(i, oscar, catalog(withFailback)).map((a) => a.action);

describe('consoleActions for follow-up phases', () => {
  it('offers failback on a recovered incident only when the workload has a failback runbook', () => {
    const recovered = incident({ status: 'recovered' });
    expect(actions(recovered)).toEqual(['failback']);
    expect(actions(recovered, false)).toEqual([]);
  });

  it('offers rollback on an aborted failover with a completed step to undo, saying what it will not undo', () => {
    const aborted = incident({
      status: 'aborted',
      steps: [
        {
          id: 'switch',
          name: 'Switch',
          type: 'http',
          status: 'succeeded',
          attempts: 1,
          revision: 2,
          rollback: { id: 'switch-back', name: 'Switch back' },
        },
        { id: 'freeze', name: 'Freeze', type: 'http', status: 'succeeded', attempts: 1, revision: 2 },
      ],
    });
    const [rollback] = consoleActions(aborted, oscar, catalog(true));
    expect(rollback).toMatchObject({
      action: 'rollback',
      label: 'Roll back failover',
      consequence: expect.stringContaining('to undo by hand: freeze'),
    });
    expect(actions({ ...aborted, steps: [] })).toEqual([]);
  });

  it('hides the button once the phase runs (a repeat would change nothing), and offers abort instead', () => {
    const requested = incident({
      status: 'failback-requested',
      followUp: { phase: 'failback', seq: 1, requestedBy: 'oscar', requestedAt: '2026-11-22T04:00:00.000Z' },
    });
    expect(actions(requested)).toEqual(['abort']);
  });
});

describe('followUpStrip', () => {
  it('shows where a failback stands, paused as a state of failing back, and how a failed one ended', () => {
    expect(followUpStrip('failback', 'paused', 'recovered').map((p) => [p.name, p.state])).toEqual([
      ['recovered', 'done'],
      ['failback-requested', 'done'],
      ['awaiting-failback-approval', 'done'],
      ['failing-back (paused)', 'current'],
      ['validating-primary', 'todo'],
      ['failed-back', 'todo'],
    ]);
    expect(followUpStrip('rollback', 'rolled-back', 'aborted').map((p) => p.state)).toEqual([
      'done',
      'done',
      'done',
    ]);
    expect(followUpStrip('failback', 'failback-failed', 'recovered')).toEqual([
      { name: 'recovered', state: 'done' },
      { name: 'failback-failed', state: 'ended' },
    ]);
  });
});
