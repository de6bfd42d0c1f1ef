// The IncidentStore contract: behaviour every implementation must show (the embedded store, and the Cosmos
// adapter on its stand-in). Call describeIncidentStoreContract from a *.test.ts file.
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors';
import type { Incident, NewIncident } from '../../shared/domain/incident/Incident';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../shared/domain/incident/IncidentStatus';
import type { IncidentQuery, IncidentStore } from '../../shared/ports/IncidentStore';
import { withFollowUpRequested } from '../../shared/domain/incident/followUp';
import {
  leafStepSchema as runbookStepSchema,
  type RunbookStep,
} from '../../shared/domain/runbook/runbookStepSchema';
import {
  afterDetection,
  DETECTED_AT,
  failingOverIncident,
  newIncident,
  SECOND,
  timelineEntry,
} from '../unit/shared/domain/incident/incidentTestSupport';

export interface IncidentStoreContractFixture {
  /** An empty store. */
  readonly store: IncidentStore;
  /** Releases everything the factory made. */
  readonly dispose: () => Promise<void>;
}

const CONCURRENT_UPDATES = 20;
const MANY_INCIDENTS = 120;
const PAGE_SIZE = 50;
const WORKLOADS = ['orders-api', 'payments', 'shop'] as const;
const MINUTE = 60 * SECOND;

export function describeIncidentStoreContract(
  name: string,
  factory: () => Promise<IncidentStoreContractFixture>,
): void {
  describe(`${name} satisfies the IncidentStore contract`, () => {
    let fixture: IncidentStoreContractFixture | undefined;

    beforeEach(async () => {
      fixture = await factory();
    });

    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    function store(): IncidentStore {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture.store;
    }

    describe('create and get', () => {
      it('creates an incident at version 1 and reads every field back', async () => {
        const incident = failingOverIncident();

        const result = await store().create(incident);

        expect(result).toEqual({ incident: { ...incident, version: 1 }, created: true });
        expect(await store().get(incident.id)).toEqual({ ...incident, version: 1 });
      });

      it('keeps a drill: its kind and who started it, a step dry-run described and a step skipped in drills', async () => {
        const base = failingOverIncident();
        const drill = {
          ...base,
          id: 'drill-orders-api-20261122-030000',
          mode: 'drill' as const,
          drill: {
            kind: 'dry-run' as const,
            requestedBy: 'oscar',
            requestedAt: base.detectedAt,
            scenario: 'West Europe lost',
          },
        };
        await store().create(drill);
        const stepId = drill.steps[0]?.id ?? '';
        const description = {
          summary: 'would POST https://automation.example.com/failover',
          requests: [
            {
              method: 'POST',
              url: 'https://automation.example.com/failover',
              headers: { Authorization: '***(app setting TOKEN)' },
              body: { region: 'northeurope' },
            },
          ],
          expectedSeconds: { min: 0, max: 90 },
        };
        const described = await store().updateStep(drill.id, stepId, (step) => ({
          ...step,
          status: 'succeeded',
          revision: step.revision + 1,
          dryRun: description,
        }));
        expect(described.step.dryRun).toEqual(description);
        const read = await store().get(drill.id);
        expect(read).toMatchObject({ mode: 'drill', drill: drill.drill });
        expect(read?.steps[0]?.dryRun).toEqual(description);
        const listed = await store().list({ mode: 'drill', workloadId: drill.workloadId, limit: 10 });
        expect(listed.items.map((i) => [i.id, i.drill?.kind])).toEqual([[drill.id, 'dry-run']]);
      });

      it('is idempotent: a second create of the same id returns the stored incident unchanged', async () => {
        await store().create(newIncident());

        const again = await store().create(newIncident({ status: 'observing', workloadName: 'Changed' }));

        expect(again).toEqual({ incident: { ...newIncident(), version: 1 }, created: false });
        expect(await store().get(newIncident().id)).toEqual({ ...newIncident(), version: 1 });
      });

      it('answers undefined for an unknown id', async () => {
        expect(await store().get('no-such-incident')).toBeUndefined();
      });

      it('rejects an invalid incident with a ValidationError and stores nothing', async () => {
        const invalid = { ...newIncident(), tier: 7, detectedAt: 'yesterday' } as unknown as NewIncident;

        const error: unknown = await store()
          .create(invalid)
          .catch((e: unknown) => e);

        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).details.map((d) => d.path)).toEqual(
          expect.arrayContaining(['tier', 'detectedAt']),
        );
        expect(await store().get(invalid.id)).toBeUndefined();
      });
    });

    describe('replace', () => {
      it('replaces the record when the version matches and returns it with the next version', async () => {
        const { incident } = await store().create(newIncident());

        const replaced = await store().replace({
          ...incident,
          status: 'observing',
          observingSince: afterDetection(SECOND),
        });

        expect(replaced).toEqual({
          ...incident,
          status: 'observing',
          observingSince: afterDetection(SECOND),
          version: 2,
        });
        expect(await store().get(incident.id)).toEqual(replaced);
      });

      it('fails with a ConflictError carrying the stored record when the version is stale', async () => {
        const { incident } = await store().create(newIncident());
        const current = await store().replace({ ...incident, status: 'observing' });

        const error: unknown = await store()
          .replace({ ...incident, status: 'dismissed' })
          .catch((e: unknown) => e);

        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).current).toEqual(current);
        expect(await store().get(incident.id)).toEqual(current);
      });

      it('fails with a NotFoundError for an unknown id', async () => {
        await expect(store().replace({ ...newIncident(), version: 1 })).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('update', () => {
      it('writes what the mutation returns, at the next version whatever version it left', async () => {
        await store().create(newIncident());

        const updated = await store().update(newIncident().id, (current) => ({
          ...current,
          status: 'observing',
          version: 99,
        }));

        expect(updated).toEqual({ ...newIncident(), status: 'observing', version: 2 });
        expect(await store().get(newIncident().id)).toEqual(updated);
      });

      it('writes nothing when the mutation returns undefined', async () => {
        const { incident } = await store().create(newIncident());

        expect(await store().update(incident.id, () => undefined)).toEqual(incident);
        expect((await store().get(incident.id))?.version).toBe(1);
      });

      it(`loses none of ${CONCURRENT_UPDATES} concurrent updates`, async () => {
        const { incident } = await store().create(
          newIncident({
            status: 'awaiting-approval',
            approval: {
              status: 'pending',
              quorum: { required: CONCURRENT_UPDATES, approvals: 0, rejections: 0 },
              decisions: [],
            },
          }),
        );
        const approvers = Array.from({ length: CONCURRENT_UPDATES }, (_, i) => `approver-${i}@example.com`);

        await Promise.all(
          approvers.map((approver, i) =>
            store().update(incident.id, (current) =>
              withApproval(current, approver, afterDetection(i * SECOND)),
            ),
          ),
        );

        const stored = await store().get(incident.id);
        expect(stored?.approval?.quorum.approvals).toBe(CONCURRENT_UPDATES);
        expect(stored?.approval?.decisions.map((d) => d.approver).sort()).toEqual([...approvers].sort());
        expect(stored?.version).toBe(1 + CONCURRENT_UPDATES);
      });

      it('fails with a NotFoundError for an unknown id, without calling the mutation', async () => {
        const mutate = jest.fn((current: Incident) => current);

        await expect(store().update('no-such-incident', mutate)).rejects.toBeInstanceOf(NotFoundError);
        expect(mutate).not.toHaveBeenCalled();
      });

      it('rejects with the error the mutation throws, and keeps the record', async () => {
        const { incident } = await store().create(newIncident());
        const refusal = new ConflictError('not from this status');

        await expect(
          store().update(incident.id, () => {
            throw refusal;
          }),
        ).rejects.toBe(refusal);
        expect(await store().get(incident.id)).toEqual(incident);
      });

      it('writes the timeline entries that go with an update in the same write, changed or not', async () => {
        const { incident } = await store().create(newIncident());
        const seen: [number, boolean][] = [];

        await store().update(
          incident.id,
          (current) => ({ ...current, status: 'observing' }),
          (updated, changed) => {
            seen.push([updated.version, changed]);
            return [timelineEntry('observing', afterDetection(1 * SECOND))];
          },
        );
        await store().update(
          incident.id,
          () => undefined,
          (updated, changed) => {
            seen.push([updated.version, changed]);
            return [
              timelineEntry('observing', afterDetection(2 * SECOND)),
              timelineEntry('noted', afterDetection(3 * SECOND)),
            ];
          },
        );

        expect(seen).toEqual([
          [2, true],
          [2, false],
        ]);
        expect((await store().timeline(incident.id)).map((e) => [e.id, e.at])).toEqual([
          ['observing', afterDetection(1 * SECOND)],
          ['noted', afterDetection(3 * SECOND)],
        ]);
      });

      it('writes neither the record nor its timeline entries when the mutation throws', async () => {
        const { incident } = await store().create(newIncident());

        await expect(
          store().update(
            incident.id,
            () => {
              throw new ConflictError('no');
            },
            () => [timelineEntry('never', afterDetection(1 * SECOND))],
          ),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          store().update(
            incident.id,
            (current) => ({ ...current, status: 'observing' }),
            () => [{ ...timelineEntry('bad', afterDetection(1 * SECOND)), at: 'yesterday' }],
          ),
        ).rejects.toBeInstanceOf(ValidationError);
        expect(await store().get(incident.id)).toEqual(incident);
        expect(await store().timeline(incident.id)).toEqual([]);
      });

      it('rejects a mutation that changes the id or breaks the schema, and keeps the record', async () => {
        const { incident } = await store().create(newIncident());

        await expect(
          store().update(incident.id, (current) => ({ ...current, id: 'another-incident' })),
        ).rejects.toBeInstanceOf(ValidationError);
        await expect(
          store().update(incident.id, (current) => ({ ...current, rtoTargetSeconds: -1 })),
        ).rejects.toBeInstanceOf(ValidationError);
        expect(await store().get(incident.id)).toEqual(incident);
        expect(await store().get('another-incident')).toBeUndefined();
      });

      it('rejects a mutation that breaks one element of a list, naming it, and keeps the record', async () => {
        const { incident } = await store().create({
          ...newIncident(),
          steps: [
            { id: 'freeze', name: 'Freeze', type: 'http', status: 'succeeded', attempts: 1, revision: 2 },
            { id: 'switch', name: 'Switch', type: 'http', status: 'pending', attempts: 0, revision: 0 },
          ],
        });
        const error = await store()
          .update(incident.id, (current) => ({
            ...current,
            steps: current.steps.map((s) => (s.id === 'switch' ? { ...s, attempts: -1 } : s)),
          }))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).details.map((d) => d.path)).toEqual(['steps[1].attempts']);
        expect(await store().get(incident.id)).toEqual(incident);
      });
    });

    describe('follow-up phases', () => {
      it('moves the failover into earlierPhases and starts the follow-up with fresh steps, in one write', async () => {
        const { incident } = await store().create({
          ...failingOverIncident({ status: 'recovered', recoveredAt: afterDetection(600 * SECOND) }),
          runbook: { id: 'orders-api-failover', name: 'Failover', purpose: 'failover' },
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
          ],
        });
        const updated = await store().update(incident.id, (current) => {
          const recording = withFollowUpRequested(current, {
            phase: 'failback',
            actor: 'oscar',
            at: afterDetection(900 * SECOND),
          });
          return recording.kind === 'recorded' ? recording.incident : undefined;
        });
        expect(updated).toMatchObject({
          status: 'failback-requested',
          steps: [],
          followUp: { phase: 'failback', seq: 1, requestedBy: 'oscar' },
          earlierPhases: [
            {
              phase: 'failover',
              status: 'recovered',
              runbook: { id: 'orders-api-failover' },
              steps: [
                expect.objectContaining({
                  id: 'switch',
                  rollback: { id: 'switch-back', name: 'Switch back' },
                }),
              ],
            },
          ],
        });
        expect(await store().get(incident.id)).toEqual(updated);
        // The follow-up's own steps are stored like the failover's were.
        const started = await store().update(incident.id, (current) => ({
          ...current,
          runbook: { id: 'orders-api-failback', name: 'Failback', purpose: 'failback' },
          steps: [
            { id: 'switch', name: 'Switch back', type: 'http', status: 'pending', attempts: 0, revision: 0 },
          ],
        }));
        const { step } = await store().updateStep(incident.id, 'switch', (s) => ({
          ...s,
          status: 'running',
        }));
        expect(step.status).toBe('running');
        const read = await store().get(incident.id);
        expect(read?.earlierPhases?.[0]?.steps[0]?.status).toBe('succeeded');
        expect(read?.steps[0]?.status).toBe('running');
        expect(read?.version).toBe(started.version + 1);
      });
    });

    describe('updateStep', () => {
      const twoSteps = (): NewIncident => ({
        ...newIncident(),
        steps: [
          { id: 'freeze', name: 'Freeze', type: 'http', status: 'succeeded', attempts: 1, revision: 2 },
          { id: 'switch', name: 'Switch', type: 'http', status: 'pending', attempts: 0, revision: 0 },
        ],
      });

      it('changes one step, moves the version on and appends its entries in the same write', async () => {
        const { incident } = await store().create(twoSteps());
        const result = await store().updateStep(
          incident.id,
          'switch',
          (step) => ({ ...step, status: 'running', attempts: 1, revision: 1 }),
          (changed) => [
            { ...timelineEntry('switch-started', afterDetection(1 * SECOND)), message: `${changed}` },
          ],
        );
        expect(result).toEqual({
          step: { ...incident.steps[1], status: 'running', attempts: 1, revision: 1 },
          changed: true,
        });
        const stored = await store().get(incident.id);
        expect(stored?.version).toBe(2);
        expect(stored?.steps).toEqual([incident.steps[0], result.step]);
        expect((await store().timeline(incident.id)).map((e) => [e.id, e.message])).toEqual([
          ['switch-started', 'true'],
        ]);
        // A replace based on the version before the step's write conflicts instead of undoing it.
        await expect(store().replace(incident)).rejects.toBeInstanceOf(ConflictError);
      });

      it('hands the mutation the incident without its steps; no change writes nothing but the entries', async () => {
        const { incident } = await store().create({
          ...twoSteps(),
          abortRequested: { actor: 'oscar', at: afterDetection(1 * SECOND) },
        });
        let seen: unknown;
        const result = await store().updateStep(
          incident.id,
          'switch',
          (_step, head) => {
            seen = head;
            return undefined;
          },
          (changed) => [{ ...timelineEntry('refused', afterDetection(2 * SECOND)), message: `${changed}` }],
        );
        expect(result).toEqual({ step: incident.steps[1], changed: false });
        expect(seen).toMatchObject({ id: incident.id, version: 1, abortRequested: { actor: 'oscar' } });
        expect(seen).not.toHaveProperty('steps');
        expect(await store().get(incident.id)).toEqual(incident);
        expect((await store().timeline(incident.id)).map((e) => e.message)).toEqual(['false']);
      });

      it('fails with a NotFoundError for a missing incident or step', async () => {
        const { incident } = await store().create(twoSteps());
        await expect(store().updateStep('nope', 'switch', (s) => s)).rejects.toBeInstanceOf(NotFoundError);
        await expect(store().updateStep(incident.id, 'nope', (s) => s)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('rejects a step that breaks the schema or changes its id, and keeps everything', async () => {
        const { incident } = await store().create(twoSteps());
        const broken = await store()
          .updateStep(
            incident.id,
            'switch',
            (step) => ({ ...step, attempts: -1 }),
            () => [timelineEntry('never', afterDetection(1 * SECOND))],
          )
          .catch((e: unknown) => e);
        expect(broken).toBeInstanceOf(ValidationError);
        expect((broken as ValidationError).details.map((d) => d.path)).toEqual(['attempts']);
        await expect(
          store().updateStep(incident.id, 'switch', (step) => ({ ...step, id: 'freeze' })),
        ).rejects.toBeInstanceOf(ValidationError);
        expect(await store().get(incident.id)).toEqual(incident);
        expect(await store().timeline(incident.id)).toEqual([]);
      });

      it('keeps every concurrent change to different steps and to the rest of the incident', async () => {
        const steps = Array.from({ length: 12 }, (_, i) => ({
          id: `s${i}`,
          name: `Step ${i}`,
          type: 'http' as const,
          status: 'pending' as const,
          attempts: 0,
          revision: 0,
        }));
        const { incident } = await store().create({ ...newIncident(), steps });
        await Promise.all([
          ...steps.map((s) =>
            store().updateStep(incident.id, s.id, (step) => ({ ...step, status: 'succeeded', revision: 1 })),
          ),
          store().update(incident.id, (current) => ({ ...current, status: 'observing' })),
        ]);
        const stored = await store().get(incident.id);
        expect(stored?.status).toBe('observing');
        expect(stored?.steps.map((s) => s.status)).toEqual(steps.map(() => 'succeeded'));
        expect(stored?.version).toBe(1 + steps.length + 1);
      });
    });

    describe('runbook plans', () => {
      const plan = (ids: readonly string[], duration = '30s') =>
        ids.map((id) => runbookStepSchema.parse({ id, name: `Wait ${id}`, type: 'wait', duration }));

      it('keeps the first plan given per purpose and reads it back in shares', async () => {
        const { incident } = await store().create(newIncident());
        const steps = plan(['s-a', 's-b', 's-c', 's-d', 's-e']);
        expect(await store().keepRunbookPlan(incident.id, 'failover', steps)).toEqual(steps);
        // A repeat with the catalog edited since: the kept plan stays, and is what comes back.
        expect(await store().keepRunbookPlan(incident.id, 'failover', plan(['s-x'], '1m'))).toEqual(steps);
        expect(await store().runbookPlan(incident.id, 'failover', 0, 2)).toEqual(steps.slice(0, 2));
        expect(await store().runbookPlan(incident.id, 'failover', 2, 25)).toEqual(steps.slice(2));
        expect(await store().runbookPlan(incident.id, 'failover', 5, 25)).toEqual([]);
        expect(await store().runbookPlan(incident.id, 'failback', 0, 25)).toEqual([]);
        const failback = plan(['s-back']);
        expect(await store().keepRunbookPlan(incident.id, 'failback', failback)).toEqual(failback);
      });

      it('keeps a rollback plan apart from the failover plan, with the steps’ rollback steps', async () => {
        const { incident } = await store().create(newIncident());
        const withRollback = runbookStepSchema.parse({
          id: 's-switch',
          name: 'Switch',
          type: 'wait',
          duration: '5s',
          rollback: { id: 's-switch-back', name: 'Switch back', type: 'wait', duration: '5s' },
        });
        expect(await store().keepRunbookPlan(incident.id, 'failover', [withRollback])).toEqual([
          withRollback,
        ]);
        const rollback = plan(['s-switch-back']);
        expect(await store().keepRunbookPlan(incident.id, 'rollback', rollback)).toEqual(rollback);
        expect(await store().runbookPlan(incident.id, 'failover', 0, 25)).toEqual([withRollback]);
        expect(await store().runbookPlan(incident.id, 'rollback', 0, 25)).toEqual(rollback);
      });

      it('refuses a plan for a missing incident, and a step that is not a parsed runbook step', async () => {
        await expect(store().keepRunbookPlan('nope', 'failover', plan(['s-a']))).rejects.toBeInstanceOf(
          NotFoundError,
        );
        const { incident } = await store().create(newIncident());
        const broken = [{ id: 's-a', type: 'wait', duration: '30s' }] as unknown as RunbookStep[];
        await expect(store().keepRunbookPlan(incident.id, 'failover', broken)).rejects.toBeInstanceOf(
          ValidationError,
        );
        expect(await store().runbookPlan(incident.id, 'failover', 0, 25)).toEqual([]);
        await expect(store().runbookPlan(incident.id, 'failover', -1, 25)).rejects.toBeInstanceOf(
          ValidationError,
        );
      });
    });

    describe('timeline', () => {
      const id = newIncident().id;

      it('keeps one entry per id, the first one, across calls and within one call', async () => {
        await store().create(newIncident());
        const first = timelineEntry('e1', afterDetection(1 * SECOND), { message: 'first' });

        await store().appendTimeline(id, [first, timelineEntry('e2', afterDetection(2 * SECOND))]);
        await store().appendTimeline(id, [
          { ...first, message: 'replayed' },
          timelineEntry('e3', afterDetection(3 * SECOND)),
          timelineEntry('e3', afterDetection(3 * SECOND), { message: 'repeated in the call' }),
        ]);

        const timeline = await store().timeline(id);
        expect(timeline.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
        expect(timeline[0]).toEqual(first);
        expect(timeline[2]?.message).toBe('entry e3');
      });

      it('orders by instant, and entries of the same instant in the order they were appended', async () => {
        await store().create(newIncident());
        const same = afterDetection(5 * SECOND);

        await store().appendTimeline(id, [timelineEntry('late', afterDetection(9 * SECOND))]);
        await store().appendTimeline(id, [timelineEntry('z-same', same), timelineEntry('m-same', same)]);
        await store().appendTimeline(id, [timelineEntry('a-same', same)]);
        await store().appendTimeline(id, [timelineEntry('early', afterDetection(1 * SECOND))]);

        expect((await store().timeline(id)).map((e) => e.id)).toEqual([
          'early',
          'z-same',
          'm-same',
          'a-same',
          'late',
        ]);
      });

      it('reads every field back, and with a limit the latest entries, oldest first', async () => {
        await store().create(newIncident());
        const full = timelineEntry('e0', afterDetection(0), {
          type: 'approval-decision',
          actor: 'alice@example.com',
          message: 'Alice approved via Teams',
          data: { decision: 'approve', channel: 'teams', nested: { attempt: 1 } },
        });
        await store().appendTimeline(id, [
          full,
          ...[1, 2, 3, 4].map((i) => timelineEntry(`e${i}`, afterDetection(i * SECOND))),
        ]);

        expect((await store().timeline(id))[0]).toEqual(full);
        expect((await store().timeline(id, { limit: 2 })).map((e) => e.id)).toEqual(['e3', 'e4']);
        expect((await store().timeline(id, { limit: 50 })).map((e) => e.id)).toEqual([
          'e0',
          'e1',
          'e2',
          'e3',
          'e4',
        ]);
      });

      it('has an empty timeline for an unknown incident, and refuses to append to one', async () => {
        expect(await store().timeline('no-such-incident')).toEqual([]);
        await expect(
          store().appendTimeline('no-such-incident', [timelineEntry('e1', DETECTED_AT)]),
        ).rejects.toBeInstanceOf(NotFoundError);
      });

      it('rejects an invalid entry with a ValidationError and appends nothing of the call', async () => {
        await store().create(newIncident());
        const invalid = { ...timelineEntry('bad', 'not a time') };

        await expect(
          store().appendTimeline(id, [timelineEntry('good', DETECTED_AT), invalid]),
        ).rejects.toBeInstanceOf(ValidationError);
        expect(await store().timeline(id)).toEqual([]);
      });
    });

    describe('list', () => {
      /** Pairs share a detection instant, so the id tie-break matters; created out of order. */
      function many(): NewIncident[] {
        return Array.from({ length: MANY_INCIDENTS }, (_, i) => {
          const workloadId = WORKLOADS[i % WORKLOADS.length] ?? 'orders-api';
          return newIncident({
            id: `${workloadId}-${String(i).padStart(3, '0')}`,
            workloadId,
            mode: i % 4 === 0 ? 'drill' : 'live',
            // Independent of the workload (i % 3), however many statuses there are.
            status:
              INCIDENT_STATUSES[Math.floor(i / WORKLOADS.length) % INCIDENT_STATUSES.length] ?? 'detected',
            detectedAt: afterDetection(Math.floor(i / 2) * MINUTE),
          });
        });
      }

      async function createMany(): Promise<NewIncident[]> {
        const incidents = many();
        // 7 is coprime with 120: every incident once, in a scrambled order.
        for (let k = 0; k < incidents.length; k++) {
          const incident = incidents[(k * 7) % incidents.length];
          if (incident !== undefined) await store().create(incident);
        }
        return incidents;
      }

      function newestFirst(incidents: readonly NewIncident[]): string[] {
        return [...incidents]
          .sort(
            (a, b) => b.detectedAt.localeCompare(a.detectedAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0),
          )
          .map((i) => i.id);
      }

      async function listAll(query: Omit<IncidentQuery, 'continuationToken'>): Promise<string[][]> {
        const pages: string[][] = [];
        let continuationToken: string | undefined;
        do {
          const page = await store().list({
            ...query,
            ...(continuationToken === undefined ? {} : { continuationToken }),
          });
          pages.push(page.items.map((i) => i.id));
          continuationToken = page.continuationToken;
        } while (continuationToken !== undefined && pages.length <= MANY_INCIDENTS);
        return pages;
      }

      it(`pages through ${MANY_INCIDENTS} incidents, ${PAGE_SIZE} at a time, newest first, without gaps or repeats`, async () => {
        const incidents = await createMany();

        const pages = await listAll({ limit: PAGE_SIZE });

        expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
        expect(pages.flat()).toEqual(newestFirst(incidents));
      });

      it('returns whole incidents with their versions', async () => {
        await store().create(failingOverIncident());

        const page = await store().list({ limit: 10 });

        expect(page).toEqual({ items: [{ ...failingOverIncident(), version: 1 }] });
      });

      it('filters by a set of statuses, by workload and by mode, alone and together, while paging', async () => {
        const incidents = await createMany();
        const statuses: IncidentStatus[] = ['observing', 'failing-over', 'recovered'];
        const cases: { query: Omit<IncidentQuery, 'limit'>; keep: (i: NewIncident) => boolean }[] = [
          { query: { status: statuses }, keep: (i) => statuses.includes(i.status) },
          { query: { workloadId: 'payments' }, keep: (i) => i.workloadId === 'payments' },
          { query: { mode: 'drill' }, keep: (i) => i.mode === 'drill' },
          {
            query: { status: statuses, workloadId: 'shop', mode: 'live' },
            keep: (i) => statuses.includes(i.status) && i.workloadId === 'shop' && i.mode === 'live',
          },
        ];

        for (const { query, keep } of cases) {
          const expected = newestFirst(incidents.filter(keep));
          expect(expected.length).toBeGreaterThan(0);
          expect((await listAll({ ...query, limit: 7 })).flat()).toEqual(expected);
        }
      });

      it('matches nothing for an empty status set or an unknown workload', async () => {
        await createMany();

        expect(await store().list({ status: [], limit: 10 })).toEqual({ items: [] });
        expect(await store().list({ workloadId: 'nobody', limit: 10 })).toEqual({ items: [] });
      });

      it('ends without a token when the last page is exactly full', async () => {
        await store().create(newIncident({ id: 'a' }));
        await store().create(newIncident({ id: 'b' }));

        expect(await store().list({ limit: 2 })).toEqual({
          items: [expect.objectContaining({ id: 'b' }), expect.objectContaining({ id: 'a' })],
        });
      });

      it('rejects a continuation token it did not issue with a ValidationError', async () => {
        await createMany();
        const foreign = Buffer.from(JSON.stringify({ page: 2 }), 'utf8').toString('base64url');

        for (const continuationToken of ['not-a-token', foreign, '']) {
          const error: unknown = await store()
            .list({ limit: PAGE_SIZE, continuationToken })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ValidationError);
        }
      });
    });
  });
}

function withApproval(current: Incident, approver: string, at: string): Incident {
  const approval = current.approval ?? {
    status: 'pending',
    quorum: { required: 1, approvals: 0, rejections: 0 },
    decisions: [],
  };
  return {
    ...current,
    approval: {
      ...approval,
      quorum: { ...approval.quorum, approvals: approval.quorum.approvals + 1 },
      decisions: [...approval.decisions, { approver, decision: 'approve', channel: 'api', at }],
    },
  };
}
