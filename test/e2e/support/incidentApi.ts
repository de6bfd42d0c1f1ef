// The public API as the follow-up e2e tests drive it, as operators would: three keys (a viewer, an operator,
// the approver Alice of the test catalogs), calls with a key, operator actions (the runtime left idle after
// each), an incident's view, a Sev0 alert for a workload up to its approval, and the clock advanced.
import type { ManualClock } from '../../../local/clock/Clock';
import type { startAppRuntime } from './appRuntime';

export const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  operator: 'operator-key-0123456789abcdef',
  alice: 'alice-approver-key-0123456789',
};

export const OPERATOR_KEYS = JSON.stringify([
  { key: KEYS.viewer, name: 'vera', roles: ['viewer'] },
  { key: KEYS.operator, name: 'oscar', roles: ['operator'] },
  { key: KEYS.alice, name: 'alice', email: 'alice@example.com', roles: ['approver'] },
]);

type AppRuntime = Awaited<ReturnType<typeof startAppRuntime>>;

/** `app`: read at each call, since tests start the runtime in beforeAll. */
export function incidentApi<View>(app: () => AppRuntime, clock: ManualClock, alertPrefix: string) {
  let sequence = 0;
  const call = (route: string, key: string, init: RequestInit = {}) =>
    fetch(app().api(route), {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  return {
    call,
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await app().runtime.idle();
    },
    async act(id: string, action: string, key: string, body?: unknown): Promise<Response> {
      const res = await call(`incidents/${id}/actions/${action}`, key, {
        method: 'POST',
        body: body === undefined ? '' : JSON.stringify(body),
      });
      await app().runtime.idle();
      return res;
    },
    async incident(id: string): Promise<View> {
      return (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as View;
    },
    /** Posts a Sev0 alert for the workload; resolves with the incident it opened, awaiting approval. */
    async raiseSev0(workload: string, summary: string): Promise<string> {
      const res = await app().postAlerts({
        schema: 'lifeboat.alert/v1',
        alerts: [
          {
            source: 'synthetic',
            id: `${alertPrefix}-${++sequence}`,
            status: 'fired',
            severity: 'Sev0',
            summary,
            firedAt: new Date(clock.now() - 60_000).toISOString(),
            labels: { service: workload },
          },
        ],
      });
      if (res.status !== 202) throw new Error(`the alert for ${workload} answered ${res.status}`);
      await app().runtime.idle();
      const list = (await (await call(`incidents?workload=${workload}`, KEYS.viewer)).json()) as {
        items: { id: string; status: string }[];
      };
      const open = list.items.find((i) => i.status === 'awaiting-approval');
      if (open === undefined) {
        throw new Error(`no incident of ${workload} awaits approval: ${JSON.stringify(list)}`);
      }
      return open.id;
    },
  };
}
