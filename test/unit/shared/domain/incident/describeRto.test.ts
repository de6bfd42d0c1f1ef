import { describeRto } from '../../../../../shared/domain/incident/describeRto';

describe('describeRto', () => {
  it('says how long recovery took and by how much the objective was met or missed', () => {
    expect(describeRto({ targetSeconds: 900, elapsedSeconds: 612, met: true })).toBe(
      'RTO 15m: recovered in 10m 12s, met with 4m 48s to spare',
    );
    expect(describeRto({ targetSeconds: 900, elapsedSeconds: 1000, met: false })).toBe(
      'RTO 15m: recovered in 16m 40s, missed by 1m 40s',
    );
  });

  it('says the incident did not recover, and how long it has run', () => {
    expect(describeRto({ targetSeconds: 900, elapsedSeconds: 420 })).toBe(
      'RTO 15m: not recovered; 7m since detection',
    );
  });
});
