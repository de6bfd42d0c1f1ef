// The IncidentEventOutbox contract, with the incident store that fills it: every timeline entry recorded
// for the first time adds one event in the same atomic write, and the publisher's view of them. Every
// store adapter (embedded now, Cosmos later) runs it from a *.test.ts file with describeIncidentEventOutboxContract.
import { ValidationError } from '../../shared/errors';
import { incidentEventSchema } from '../../shared/domain/events/IncidentEvent';
import { incidentEventId } from '../../shared/domain/events/toIncidentEvent';
import type { IncidentEventOutbox } from '../../shared/ports/IncidentEventOutbox';
import type { IncidentStore } from '../../shared/ports/IncidentStore';
import {
  afterDetection,
  DETECTED_AT,
  failingOverIncident,
  newIncident,
  SECOND,
  timelineEntry,
} from '../unit/shared/domain/incident/incidentTestSupport';

export interface IncidentEventOutboxContractFixture {
  /** An empty incident store whose timeline writes fill `outbox`. */
  readonly store: IncidentStore;
  readonly outbox: IncidentEventOutbox;
  readonly dispose: () => Promise<void>;
}

const PUBLISHED_AT = '2026-11-22T04:00:00.000Z';

export function describeIncidentEventOutboxContract(
  name: string,
  factory: () => Promise<IncidentEventOutboxContractFixture>,
): void {
  describe(`${name} satisfies the IncidentEventOutbox contract`, () => {
    let fixture: IncidentEventOutboxContractFixture | undefined;

    beforeEach(async () => {
      fixture = await factory();
    });

    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });

    const f = (): IncidentEventOutboxContractFixture => {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture;
    };

    it('adds one CloudEvent per timeline entry recorded, with a deterministic id and the incident at that time', async () => {
      const { incident } = await f().store.create(newIncident());
      await f().store.appendTimeline(incident.id, [
        timelineEntry('status-detected', DETECTED_AT, { message: 'Incident detected' }),
        timelineEntry('probe-1', afterDetection(SECOND), { type: 'health-probe', data: { probe: 'p1' } }),
      ]);

      const events = await f().outbox.unpublished(10);

      expect(events.map((e) => incidentEventSchema.parse(e))).toEqual(events);
      expect(events).toMatchObject([
        {
          specversion: '1.0',
          id: incidentEventId(incident.id, 'status-detected'),
          type: 'io.lifeboat.incident.detected',
          subject: incident.id,
          time: DETECTED_AT,
          sequence: '0000000001',
          data: {
            incidentId: incident.id,
            change: 'detected',
            timelineEntryId: 'status-detected',
            message: 'Incident detected',
            workloadId: 'orders-api',
            tier: 1,
            mode: 'live',
            status: 'detected',
            rto: { targetSeconds: 3600, elapsedSeconds: 0 },
          },
        },
        {
          type: 'io.lifeboat.incident.health-probe',
          sequence: '0000000002',
          data: { change: 'health-probe', facts: { probe: 'p1' }, rto: { elapsedSeconds: 1 } },
        },
      ]);
    });

    it('adds nothing for an entry that is already on the timeline (activities that run twice)', async () => {
      const { incident } = await f().store.create(newIncident());
      const entry = timelineEntry('once', DETECTED_AT);
      await f().store.appendTimeline(incident.id, [entry, entry]);
      await f().store.appendTimeline(incident.id, [entry]);
      await f().store.update(
        incident.id,
        () => undefined,
        () => [entry],
      );

      expect((await f().outbox.unpublished(10)).map((e) => e.data.timelineEntryId)).toEqual(['once']);
    });

    it('publishes a status change as the status the update reached, written with it', async () => {
      const { incident } = await f().store.create(newIncident());
      await f().store.update(
        incident.id,
        (current) => ({ ...current, status: 'observing', observingSince: afterDetection(5 * SECOND) }),
        () => [timelineEntry('status-observing', afterDetection(5 * SECOND))],
      );

      const [event] = await f().outbox.unpublished(10);
      expect(event).toMatchObject({ type: 'io.lifeboat.incident.observing', data: { status: 'observing' } });
    });

    it('adds no event when the write fails', async () => {
      const { incident } = await f().store.create(newIncident());
      const failed = f().store.update(
        incident.id,
        () => {
          throw new Error('mutation refused');
        },
        () => [timelineEntry('never', DETECTED_AT)],
      );
      await expect(failed).rejects.toThrow('mutation refused');
      const invalid = f().store.appendTimeline(incident.id, [
        timelineEntry('valid', DETECTED_AT),
        timelineEntry('', DETECTED_AT),
      ]);
      await expect(invalid).rejects.toBeInstanceOf(ValidationError);

      expect(await f().outbox.unpublished(10)).toEqual([]);
    });

    it('adds the events of a step update, with the step write', async () => {
      const { incident } = await f().store.create(failingOverIncident());
      await f().store.updateStep(
        incident.id,
        'check',
        (step) => ({ ...step, status: 'running', attempts: 1, revision: 1 }),
        () => [timelineEntry('step-check-r1', afterDetection(400 * SECOND), { type: 'step-started' })],
      );

      expect(await f().outbox.unpublished(10)).toMatchObject([
        {
          type: 'io.lifeboat.incident.step-started',
          data: { status: 'failing-over', activatedAt: afterDetection(300 * SECOND) },
        },
      ]);
    });

    it('hands out unpublished events in the order they were recorded, up to the limit, until marked published', async () => {
      const first = (await f().store.create(newIncident())).incident;
      const second = (await f().store.create(newIncident({ id: 'payments-1', workloadId: 'payments' })))
        .incident;
      await f().store.appendTimeline(first.id, [timelineEntry('a', DETECTED_AT)]);
      await f().store.appendTimeline(second.id, [timelineEntry('b', DETECTED_AT)]);
      await f().store.appendTimeline(first.id, [timelineEntry('c', afterDetection(SECOND))]);

      const batch = await f().outbox.unpublished(2);
      expect(batch.map((e) => e.data.timelineEntryId)).toEqual(['a', 'b']);
      await f().outbox.markPublished(
        batch.map((e) => e.id),
        PUBLISHED_AT,
      );
      expect((await f().outbox.unpublished(10)).map((e) => e.data.timelineEntryId)).toEqual(['c']);
      await expect(f().outbox.unpublished(0)).rejects.toBeInstanceOf(ValidationError);
    });

    it('lists published events by incident, paged, each with its first publication time', async () => {
      const { incident } = await f().store.create(newIncident());
      const other = (await f().store.create(newIncident({ id: 'payments-1', workloadId: 'payments' })))
        .incident;
      const ids = ['e1', 'e2', 'e3', 'e4', 'e5'];
      for (const [i, id] of ids.entries()) {
        await f().store.appendTimeline(incident.id, [timelineEntry(id, afterDetection(i * SECOND))]);
        await f().store.appendTimeline(other.id, [timelineEntry(`other-${id}`, afterDetection(i * SECOND))]);
      }
      const all = await f().outbox.unpublished(100);
      await f().outbox.markPublished(
        all.map((e) => e.id),
        PUBLISHED_AT,
      );
      await f().outbox.markPublished([all[0]?.id ?? '', 'no-such-event'], '2026-11-22T05:00:00.000Z');

      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await f().outbox.published({
          incidentId: incident.id,
          limit: 2,
          ...(token ? { continuationToken: token } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        for (const item of page.items) {
          expect(item.publishedAt).toBe(PUBLISHED_AT);
          seen.push(item.event.data.timelineEntryId);
        }
        token = page.continuationToken;
      } while (token);

      expect(seen).toEqual(ids);
      expect((await f().outbox.published({ limit: 100 })).items).toHaveLength(10);
      await expect(f().outbox.published({ limit: 2, continuationToken: 'garbage' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });
  });
}
