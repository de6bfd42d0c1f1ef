import { computeAlertId } from '../../../../../shared/domain/alerts/alertId';

describe('computeAlertId', () => {
  it('is the first 32 hex chars of sha256("source\\nsourceAlertId\\ncondition")', () => {
    // sha256("generic\npingdom:check-4417\nfired"), computed independently with `sha256sum`.
    expect(computeAlertId('generic', 'pingdom:check-4417', 'fired')).toBe('5a28acb3276aed97ac93ab0535f3239f');
  });

  it('differs between the fired and resolved notification of one alert', () => {
    expect(computeAlertId('alertmanager', 'abc@2026-11-20T08:13:00.000Z', 'fired')).not.toBe(
      computeAlertId('alertmanager', 'abc@2026-11-20T08:13:00.000Z', 'resolved'),
    );
  });
});
