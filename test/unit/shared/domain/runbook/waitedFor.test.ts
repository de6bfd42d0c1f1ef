import { waitedFor } from '../../../../../shared/domain/runbook/waitedFor';

const START = new Date('2026-11-22T03:00:00.000Z');
const after = (ms: number) => new Date(START.getTime() + ms);

describe('waitedFor', () => {
  it('says the planned time when the timer fired on time, or within the engine’s ordinary lateness', () => {
    expect(waitedFor(30, START, after(30_000))).toBe('waited 30s');
    expect(waitedFor(30, START, after(34_999))).toBe('waited 30s');
  });

  it('says the real time beside the planned one when the timer fired noticeably late', () => {
    expect(waitedFor(30, START, after(35_000))).toBe(
      'waited 35s (planned 30s; the timer fired late because Lifeboat was not running or was overloaded)',
    );
    expect(waitedFor(30, START, after(65 * 60_000))).toMatch(/^waited 1h 5m \(planned 30s;/);
  });
});
