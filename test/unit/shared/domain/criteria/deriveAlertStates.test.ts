import { deriveAlertStates } from '../../../../../shared/domain/criteria/deriveAlertStates';
import { ago, fired, MINUTE, NOW, resolved } from './criteriaTestSupport';

function firingFingerprints(alerts: Parameters<typeof deriveAlertStates>[0]): string[] {
  return deriveAlertStates(alerts).firing.map((alert) => alert.fingerprint);
}

describe('deriveAlertStates', () => {
  it('treats an alert as firing until a resolved notification with its fingerprint arrives', () => {
    const alerts = [fired('a'), fired('b'), resolved('a', { resolvedAt: ago(MINUTE) })];
    const states = deriveAlertStates(alerts);
    expect(states.firing.map((alert) => alert.fingerprint)).toEqual(['b']);
    expect(states.resolvedCount).toBe(1);
    expect(states.lastResolvedAtMs).toBe(Date.parse(NOW) - MINUTE);
  });

  it('goes by time, not arrival: a late-delivered fired notification does not undo a resolution', () => {
    const firedAt = ago(10 * MINUTE);
    const alerts = [resolved('a', { firedAt, resolvedAt: ago(MINUTE) }), fired('a', { firedAt })];
    expect(firingFingerprints(alerts)).toEqual([]);
  });

  it('lets a resolution without its own time beat the fired notification it shares firedAt with', () => {
    const firedAt = ago(10 * MINUTE);
    expect(firingFingerprints([resolved('a', { firedAt }), fired('a', { firedAt })])).toEqual([]);
    expect(firingFingerprints([fired('a', { firedAt }), resolved('a', { firedAt })])).toEqual([]);
  });

  it('fires again when the alert re-fires after resolving', () => {
    const alerts = [
      fired('a', { firedAt: ago(30 * MINUTE) }),
      resolved('a', { firedAt: ago(30 * MINUTE), resolvedAt: ago(20 * MINUTE) }),
      fired('a', { firedAt: ago(5 * MINUTE), severity: 'Sev0' }),
    ];
    const states = deriveAlertStates(alerts);
    expect(states.firing).toEqual([
      expect.objectContaining({ fingerprint: 'a', severity: 'Sev0', firedAtMs: Date.parse(ago(5 * MINUTE)) }),
    ]);
    expect(states.resolvedCount).toBe(0);
  });

  it('orders a resolution stamped before its firedAt (clock skew) after the firing', () => {
    const alerts = [
      fired('a', { firedAt: ago(MINUTE) }),
      resolved('a', { firedAt: ago(MINUTE), resolvedAt: ago(2 * MINUTE) }),
    ];
    expect(firingFingerprints(alerts)).toEqual([]);
  });

  it('lists firing alerts oldest first, then by fingerprint', () => {
    const alerts = [
      fired('c', { firedAt: ago(MINUTE) }),
      fired('b', { firedAt: ago(5 * MINUTE) }),
      fired('a', { firedAt: ago(MINUTE) }),
    ];
    expect(firingFingerprints(alerts)).toEqual(['b', 'a', 'c']);
  });
});
