import {
  controlsAfter,
  MAX_RECORDED_CONTROLS,
  withControlRecorded,
} from '../../../../../shared/domain/incident/runbookControlLog';
import { afterDetection, incident } from './incidentTestSupport';

const at = afterDetection(60_000);
const pause = { purpose: 'failover', action: 'pause', actor: 'oscar', at } as const;

describe('runbook control log', () => {
  it('numbers controls 1, 2, 3… per incident in the order they are recorded', () => {
    const first = withControlRecorded(incident(), pause);
    const second = withControlRecorded(first.incident, { ...pause, action: 'resume', comment: 'go on' });
    expect([first.control.seq, second.control.seq]).toEqual([1, 2]);
    expect(second.incident.controls).toEqual({
      last: 2,
      recent: [
        { seq: 1, ...pause },
        { seq: 2, ...pause, action: 'resume', comment: 'go on' },
      ],
    });
  });

  it('stays bounded: the oldest controls go, the numbering goes on', () => {
    let current = incident();
    for (let i = 0; i < MAX_RECORDED_CONTROLS + 5; i++)
      current = withControlRecorded(current, pause).incident;
    expect(current.controls?.last).toBe(MAX_RECORDED_CONTROLS + 5);
    expect(current.controls?.recent).toHaveLength(MAX_RECORDED_CONTROLS);
    expect(current.controls?.recent[0]?.seq).toBe(6);
  });

  it('hands a runbook the controls after the ones it heard, for its own purpose only', () => {
    let current = incident();
    current = withControlRecorded(current, pause).incident;
    current = withControlRecorded(current, { ...pause, purpose: 'failback' }).incident;
    current = withControlRecorded(current, { ...pause, action: 'resume' }).incident;
    expect(controlsAfter(current.controls, 'failover', 0).map((c) => c.seq)).toEqual([1, 3]);
    expect(controlsAfter(current.controls, 'failover', 1).map((c) => c.seq)).toEqual([3]);
    expect(controlsAfter(current.controls, 'failback', 0).map((c) => c.seq)).toEqual([2]);
    expect(controlsAfter(undefined, 'failover', 0)).toEqual([]);
  });

  it('refuses a control that is not one', () => {
    expect(() => withControlRecorded(incident(), { ...pause, actor: '' })).toThrow();
  });
});
