import { describeRtoBudget } from '../../../../../../shared/domain/notifications/base/durationWording';

describe('describeRtoBudget', () => {
  it('says how much of the RTO target is left', () => {
    expect(describeRtoBudget({ targetSeconds: 900, remainingSeconds: 680 })).toBe('11m 20s of 15m left');
    expect(describeRtoBudget({ targetSeconds: 14_400, remainingSeconds: 1 })).toBe('1s of 4h left');
  });

  it('says by how much the target is already exceeded', () => {
    expect(describeRtoBudget({ targetSeconds: 900, remainingSeconds: 0 })).toBe('none of 15m left');
    expect(describeRtoBudget({ targetSeconds: 900, remainingSeconds: -125 })).toBe(
      'none of 15m left (over by 2m 5s)',
    );
  });
});
