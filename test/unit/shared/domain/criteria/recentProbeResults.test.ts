import type { ProbeResult } from '../../../../../shared/domain/criteria/ActivationFacts';
import {
  PROBE_RESULTS_KEPT_PER_PROBE,
  recentProbeResults,
} from '../../../../../shared/domain/criteria/recentProbeResults';

const result = (name: string, second: number, ok = false): ProbeResult => ({
  target: 'primary',
  name,
  ok,
  at: new Date(Date.UTC(2026, 10, 22, 3, 0, second)).toISOString(),
});

describe('recentProbeResults', () => {
  it('keeps the newest results of each probe, oldest first', () => {
    const kept = Array.from({ length: PROBE_RESULTS_KEPT_PER_PROBE }, (_, i) => result('web', i));
    const merged = recentProbeResults(
      [...kept, result('db', 0)],
      [result('web', 30, true), result('db', 30)],
    );
    expect(merged.filter((r) => r.name === 'web')).toHaveLength(PROBE_RESULTS_KEPT_PER_PROBE);
    expect(merged.filter((r) => r.name === 'web').at(-1)).toEqual(result('web', 30, true));
    expect(merged.filter((r) => r.name === 'web')[0]).toEqual(result('web', 1));
    expect(merged.filter((r) => r.name === 'db')).toEqual([result('db', 0), result('db', 30)]);
  });

  it('counts one probe at one instant once, so a repeated assessment is not a second failure', () => {
    const once = recentProbeResults([], [result('web', 5)]);
    expect(recentProbeResults(once, [result('web', 5)])).toEqual([result('web', 5)]);
  });
});
