import {
  ABORT_EFFECTS,
  abortOf,
  abortRequestedEntry,
  DEFAULT_ABORT_REASON,
  isAbortable,
  withAbortRequested,
} from '../../../../../shared/domain/incident/abort';
import { INCIDENT_STATUSES, isTerminal } from '../../../../../shared/domain/incident/IncidentStatus';
import { afterDetection, incident } from './incidentTestSupport';

const request = { actor: 'oscar', at: afterDetection(60_000), comment: 'the primary is back' };

describe('abort', () => {
  it('says what it stops for every status an incident can still leave, and for no other', () => {
    const open = INCIDENT_STATUSES.filter((s) => !isTerminal(s));
    expect(Object.keys(ABORT_EFFECTS).sort()).toEqual([...open].sort());
    for (const status of INCIDENT_STATUSES) expect(isAbortable(status)).toBe(!isTerminal(status));
  });

  it('carries the operator comment as its reason, or the one default', () => {
    expect(abortOf(request)).toEqual({ actor: 'oscar', reason: 'the primary is back' });
    expect(abortOf({ actor: 'oscar' })).toEqual({ actor: 'oscar', reason: DEFAULT_ABORT_REASON });
  });

  it('is recorded once, on an incident that has not ended', () => {
    const recorded = withAbortRequested(incident({ status: 'failing-over' }), request);
    if (recorded === undefined) throw new Error('not recorded');
    expect(recorded.abortRequested).toEqual(request);
    expect(withAbortRequested(recorded, { ...request, actor: 'vera' })).toBeUndefined();
    expect(withAbortRequested(incident({ status: 'recovered' }), request)).toBeUndefined();
  });

  it('refuses a request that is not one', () => {
    expect(() => withAbortRequested(incident(), { ...request, at: 'yesterday' })).toThrow();
  });

  it('goes on the timeline under one id, whoever asks and however often', () => {
    expect(abortRequestedEntry(request)).toMatchObject({
      id: 'abort-requested',
      type: 'operator-action',
      actor: 'oscar',
      message: 'oscar asked to abort the incident: the primary is back',
    });
    expect(abortRequestedEntry({ actor: 'vera', at: request.at }).message).toBe(
      'vera asked to abort the incident',
    );
  });
});
