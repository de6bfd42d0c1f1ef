import { RETRY_PRESETS } from '../../../../../shared/domain/runbook/retryPresets';
import { retryDelaySeconds } from '../../../../../shared/domain/runbook/retryDelay';

describe('retryDelaySeconds', () => {
  it('backs off exponentially from the first interval, capped at the longest interval', () => {
    const patient = RETRY_PRESETS.patient; // 30s × 2, at most 300s
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelaySeconds(patient, attempt))).toEqual([
      30, 60, 120, 240, 300, 300,
    ]);
  });

  it("waits for the target's Retry-After when it is longer, but never beyond the policy's longest interval", () => {
    const standard = RETRY_PRESETS.standard; // 10s × 2, at most 60s
    expect(retryDelaySeconds(standard, 1, 25)).toBe(25);
    expect(retryDelaySeconds(standard, 1, 3)).toBe(10);
    expect(retryDelaySeconds(standard, 1, 3600)).toBe(60);
  });
});
