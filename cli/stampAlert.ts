// `lifeboat alert send` stamps the alert's times with now: a fixture recorded days ago would otherwise read
// "firing for 13d" and meet `sustainedFor` at once. Knows where each intake format keeps its times.
import { ALERTMANAGER_ZERO_TIME } from '../shared/domain/alerts/alertmanager/alertmanagerWebhook';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `payload` with every fired / resolved time set to `now`; unknown shapes are returned as they are. */
export function stampAlert(payload: unknown, now: Date): { payload: unknown; stamped: number } {
  const at = now.toISOString();
  const copy = structuredClone(payload);
  let stamped = 0;
  const set = (target: Json, key: string) => {
    const value = target[key];
    // Alertmanager writes the zero time (in either precision) for "not set".
    if (typeof value === 'string' && !value.startsWith(ALERTMANAGER_ZERO_TIME.slice(0, 10))) {
      target[key] = at;
      stamped++;
    }
  };
  if (!isObject(copy)) return { payload: copy, stamped };
  // Azure Monitor common alert schema.
  const essentials = isObject(copy.data) && isObject(copy.data.essentials) ? copy.data.essentials : undefined;
  if (essentials !== undefined) {
    set(essentials, 'firedDateTime');
    set(essentials, 'resolvedDateTime');
  }
  // Alertmanager webhook (startsAt / endsAt) and Lifeboat's generic format (firedAt / resolvedAt).
  if (Array.isArray(copy.alerts)) {
    for (const alert of copy.alerts) {
      if (!isObject(alert)) continue;
      for (const key of ['startsAt', 'firedAt', 'resolvedAt']) set(alert, key);
      // A firing alert's endsAt is when Alertmanager would give up on it, not a resolution.
      if (alert.status === 'resolved') set(alert, 'endsAt');
    }
  }
  return { payload: copy, stamped };
}
