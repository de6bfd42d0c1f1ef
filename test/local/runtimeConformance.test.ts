// Conformance of the local runtime against the behaviour of the Functions host and the Durable extension,
// driven over HTTP and through the app's own durable client, with a controllable clock.
import { ManualClock } from '../../local/clock/Clock';
import type { LocalRuntime } from '../../local/LocalRuntime';
import { observed } from './apps/conformanceApp';
import {
  instanceStatus,
  removeDir,
  startTestRuntime,
  testFunctionKey,
  waitFor,
  waitForStatus,
} from './support/testRuntime';

const loadApp = () => {
  require('./apps/conformanceApp');
};
const minute = 60 * 1000;

let runtime: LocalRuntime;
let dataDir: string;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock();
  ({ runtime, dataDir } = await startTestRuntime({ loadApp, clock, maxDeliveryCount: 3 }));
});

afterEach(async () => {
  await runtime.stop();
  removeDir(dataDir);
});

const api = (path: string, init?: RequestInit) => fetch(`${runtime.url}/api/${path}`, init);
const withKey = (path: string) => `${path}${path.includes('?') ? '&' : '?'}code=${testFunctionKey}`;

async function start(name: string, input: unknown, instanceId?: string): Promise<string> {
  const res = await api(withKey(`start/${name}${instanceId ? `/${instanceId}` : ''}`), {
    method: 'POST',
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(202);
  const body = (await res.json()) as { id: string; statusQueryGetUri: string };
  expect(body.statusQueryGetUri).toContain(`/runtime/webhooks/durabletask/instances/${body.id}`);
  return body.id;
}

async function raise(instanceId: string, event: string, data: unknown): Promise<number> {
  const res = await api(withKey(`client/raise/${instanceId}?event=${event}`), {
    method: 'POST',
    body: JSON.stringify(data),
  });
  return res.status;
}

function historyTypes(history: Record<string, unknown>[] | undefined): number[] {
  return (history ?? []).map((e) => e.EventType as number);
}

describe('HTTP functions', () => {
  it('enforces auth levels: anonymous open, function and admin need the key as code= or x-functions-key', async () => {
    expect((await api('public/world')).status).toBe(200);
    expect((await api('keyed')).status).toBe(401);
    expect((await api('keyed?code=wrong-key')).status).toBe(401);
    expect((await api(withKey('keyed'))).status).toBe(200);
    expect((await api('keyed', { headers: { 'x-functions-key': testFunctionKey } })).status).toBe(200);
    expect((await api('admin-only')).status).toBe(401);
    expect(await (await api(withKey('admin-only'))).text()).toBe('admin ok');
    expect((await fetch(`${runtime.url}/runtime/webhooks/durabletask/instances/x`)).status).toBe(401);
  });

  it('matches route templates with parameters, constraints, literal precedence and methods', async () => {
    expect(await (await api('public/world?q=1')).json()).toEqual({ hello: 'world', q: '1' });
    expect(await (await api('items/42')).json()).toEqual({ route: 'byId', id: '42' });
    expect(await (await api('items/special')).json()).toEqual({ route: 'special' });
    expect((await api('items/abc')).status).toBe(404);
    expect((await api('public/world', { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${runtime.url}/public/world`)).status).toBe(404);
  });

  it('returns responses faithfully: status, headers, cookies, body and streamed bodies', async () => {
    const res = await api('echo', { method: 'POST', body: 'shout', headers: { 'x-test': 'yes' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(res.headers.get('set-cookie')).toContain('session=abc');
    expect(res.headers.get('set-cookie')).toContain('HttpOnly');
    expect(await res.text()).toBe('SHOUT');
    expect(await (await api('streamed')).text()).toBe('one,two,three');
  });

  it('answers 500 without leaking the exception when a function throws', async () => {
    const res = await api('crashes');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret');
  });
});

describe('orchestrations', () => {
  it('approval race, event first: the event wins and the losing timer is cancelled', async () => {
    const id = await start('approvalRace', { timeoutMs: 30 * minute });
    await waitForStatus(runtime, id, ['Running']);
    await runtime.idle();
    expect(runtime.store.nextTimerAt()).toBe(clock.now() + 30 * minute);
    expect(await raise(id, 'Approval', { approver: 'ana' })).toBe(202);
    const done = await waitForStatus(runtime, id, ['Completed']);
    expect(done.output).toEqual({ outcome: 'approved', by: { approver: 'ana' } });
    expect(runtime.store.nextTimerAt()).toBeUndefined();
    clock.advance(31 * minute);
    await runtime.idle();
    const history = (await instanceStatus(runtime, id, true))?.historyEvents;
    expect(historyTypes(history)).toContain(10); // TimerCreated
    expect(historyTypes(history)).not.toContain(11); // never TimerFired
  });

  it('approval race, timer first: the timer wins and a late event is refused with 410', async () => {
    const id = await start('approvalRace', { timeoutMs: 30 * minute });
    await waitForStatus(runtime, id, ['Running']);
    await runtime.idle();
    clock.advance(29 * minute);
    await runtime.idle();
    expect((await instanceStatus(runtime, id))?.runtimeStatus).toBe('Running');
    clock.advance(1 * minute);
    const done = await waitForStatus(runtime, id, ['Completed']);
    expect(done.output).toEqual({ outcome: 'timed-out' });
    const late = await fetch(
      `${runtime.url}/runtime/webhooks/durabletask/instances/${id}/raiseEvent/Approval?code=${testFunctionKey}`,
      { method: 'POST', body: '{}' },
    );
    expect(late.status).toBe(410);
  });

  it('keeps an event raised before the orchestrator waits for it', async () => {
    const id = await start('earlyEvent', null);
    expect(await raise(id, 'Go', { early: true })).toBe(202);
    const done = await waitForStatus(runtime, id, ['Completed']);
    expect(done.output).toEqual({ received: { early: true } });
  });

  it('retries an activity host-side with backoff and fails with the extension failure shape when exhausted', async () => {
    observed.calls.delete('alwaysFails');
    const id = await start('retryExhaustion', null);
    await waitFor('first attempt', () => (observed.calls.get('alwaysFails') === 1 ? true : undefined));
    await runtime.idle();
    clock.advance(999);
    await runtime.idle();
    expect(observed.calls.get('alwaysFails')).toBe(1); // backoff not elapsed yet
    clock.advance(1);
    await waitFor('second attempt', () => (observed.calls.get('alwaysFails') === 2 ? true : undefined));
    await runtime.idle();
    clock.advance(2000); // first × coefficient
    const failed = await waitForStatus(runtime, id, ['Failed']);
    expect(observed.calls.get('alwaysFails')).toBe(3);
    expect(String(failed.output)).toContain("Orchestrator function 'retryExhaustion' failed");
    expect(String(failed.output)).toContain("Activity function 'alwaysFails' failed: boom");
  });

  it('interleaves parallel retries correctly and continues after they recover', async () => {
    const id = await start('retryRecovers', null);
    for (let i = 0; i < 4; i++) {
      await runtime.idle();
      clock.advance(500);
    }
    const done = await waitForStatus(runtime, id, ['Completed']);
    expect(done.output).toEqual({ a: 'ok after 3', b: 'ok after 3', after: 42 });
  });

  it('runs a sub-orchestration and returns its result; a failing child surfaces as a catchable error', async () => {
    const id = await start('parentFlow', null);
    expect((await waitForStatus(runtime, id, ['Completed'])).output).toEqual({ child: 10 });
    const child = await instanceStatus(runtime, `${id}-child`);
    expect(child?.customStatus).toEqual({ stage: 'child-done' });

    const failing = await start('failingChildParent', null);
    const out = (await waitForStatus(runtime, failing, ['Completed'])).output as { caught: string };
    expect(out.caught).toContain('child broke');
  });

  it('fails a non-deterministic orchestrator with a clear reason', async () => {
    observed.nonDeterministicFirstRun = true;
    const id = await start('nonDeterministic', null);
    await waitForStatus(runtime, id, ['Running']);
    await runtime.idle();
    observed.nonDeterministicFirstRun = false;
    await raise(id, 'Next', null);
    const failed = await waitForStatus(runtime, id, ['Failed']);
    expect(String(failed.output)).toContain('Non-deterministic workflow detected');
    expect(String(failed.output)).toContain("CallActivity 'noopA'");
    expect(String(failed.output)).toContain("CallActivity 'noopB'");
    observed.nonDeterministicFirstRun = true;
  });

  it('continues as new with fresh history until done', async () => {
    const id = await start('counter', 0);
    const done = await waitForStatus(runtime, id, ['Completed']);
    expect(done.output).toBe(3);
    const history = (await instanceStatus(runtime, id, true))?.historyEvents;
    expect(historyTypes(history).filter((t) => t === 0)).toHaveLength(1); // one ExecutionStarted: history was reset
  });

  // The Durable extension continues an out-of-process orchestration as new without the events it had not
  // processed (OutOfProcOrchestrationShim calls ContinueAsNew(input) with preserveUnprocessedEvents false,
  // so DurableOrchestrationContext never reschedules its buffered events); the client raises events to the
  // instance, not an execution, so one raised after the hand-over reaches the next execution.
  it('drops the events that came in the batch that made it continue as new; later ones reach the next execution', async () => {
    const id = await start('talliesAcrossExecutions', []);
    await waitForStatus(runtime, id, ['Running']);
    await runtime.idle();
    // Suspended, it runs no episode: the five events wait in its inbox and come in one batch on resume.
    expect((await api(withKey(`client/suspend/${id}`), { method: 'POST' })).status).toBe(202);
    await waitForStatus(runtime, id, ['Suspended']);
    for (const value of ['a', 'b', 'c', 'd', 'e']) {
      expect(await raise(id, 'Add', value)).toBe(202);
    }
    await api(withKey(`client/resume/${id}`), { method: 'POST' });
    await runtime.idle();
    // 'a' made it continue as new; 'b' to 'e' were in the same batch and are gone.
    const handedOver = await waitForStatus(runtime, id, ['Running']);
    expect(handedOver.input).toEqual(['a']);
    expect(historyTypes((await instanceStatus(runtime, id, true))?.historyEvents)).not.toContain(15);
    for (const value of ['f', 'g', 'h', 'i']) {
      expect(await raise(id, 'Add', value)).toBe(202);
      await runtime.idle();
    }
    expect((await waitForStatus(runtime, id, ['Completed'])).output).toEqual(['a', 'f', 'g', 'h', 'i']);
  });

  it('honours overridableExistingInstanceStates=NonRunningStates', async () => {
    const startUrl = `${runtime.url}/runtime/webhooks/durabletask/orchestrators/waitsForever/fixed-id?code=${testFunctionKey}`;
    expect((await fetch(startUrl, { method: 'POST', body: '1' })).status).toBe(202);
    const again = await fetch(startUrl, { method: 'POST', body: '2' });
    expect(again.status).toBe(409);
    expect((await instanceStatus(runtime, 'fixed-id'))?.input).toBe(1);
    await raise('fixed-id', 'Never', 'x');
    await waitForStatus(runtime, 'fixed-id', ['Completed']);
    expect((await fetch(startUrl, { method: 'POST', body: '3' })).status).toBe(202);
    expect((await waitForStatus(runtime, 'fixed-id', ['Running', 'Pending'])).input).toBe(3);
  });

  it('serves the durable client from app code: status, paged query, suspend/resume, terminate, purge', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      ids.push(await start('waitsForever', i, `bulk-${String(i).padStart(3, '0')}`));
    }
    await runtime.idle();
    const listed = (await (await api(withKey('client/query'))).json()) as { instanceId: string }[];
    expect(listed.filter((s) => s.instanceId.startsWith('bulk-'))).toHaveLength(130);

    const [first, second, third] = ids as [string, string, string];
    expect((await api(withKey(`client/suspend/${first}`), { method: 'POST' })).status).toBe(202);
    await waitForStatus(runtime, first, ['Suspended']);
    await raise(first, 'Never', 'while suspended');
    await runtime.idle();
    expect((await instanceStatus(runtime, first))?.runtimeStatus).toBe('Suspended');
    await api(withKey(`client/resume/${first}`), { method: 'POST' });
    expect((await waitForStatus(runtime, first, ['Completed'])).output).toBe('while suspended');

    await api(withKey(`client/terminate/${second}`), { method: 'POST' });
    const terminated = await waitForStatus(runtime, second, ['Terminated']);
    expect(terminated.output).toBe('operator said stop');
    const late = await fetch(
      `${runtime.url}/runtime/webhooks/durabletask/instances/${second}/raiseEvent/Never?code=${testFunctionKey}`,
      { method: 'POST', body: '"late"' },
    );
    expect(late.status).toBe(410);
    expect(await raise('no-such-instance', 'Never', 'x')).toBe(500); // the client turns 404 into an error

    const status = (await (await api(withKey(`client/status/${third}`))).json()) as { runtimeStatus: string };
    expect(status.runtimeStatus).toBe('Running');
    await api(withKey(`client/terminate/${third}`), { method: 'POST' });
    expect(await (await api(withKey(`client/purge/${third}`), { method: 'POST' })).json()).toEqual({
      instancesDeleted: 1,
    });
    expect(await instanceStatus(runtime, third)).toBeUndefined();
  });
});

describe('Service Bus triggers', () => {
  it('delivers with trigger metadata and completes on success', async () => {
    runtime.queue.send('good-work', [{ messageId: 'm-1', body: { n: 1 } }]);
    await waitFor('processing', () => (observed.processed.some((p) => p.includes('m-1')) ? true : undefined));
    expect(observed.processed).toContain('{"n":1}|m-1|1');
    await runtime.idle();
    expect(runtime.queue.activeCount('good-work')).toBe(0);
  });

  it('abandons on a throw, redelivers with deliveryCount + 1 and dead-letters after maxDeliveryCount', async () => {
    runtime.queue.send('poison-work', [{ messageId: 'bad-1', body: { broken: true } }]);
    const [dead] = await waitFor('dead-letter', () => {
      const letters = runtime.queue.deadLetters('poison-work');
      return letters.length > 0 ? letters : undefined;
    });
    expect(observed.calls.get('poison:bad-1')).toBe(3);
    expect(dead).toMatchObject({ messageId: 'bad-1', deliveryCount: 3, reason: 'MaxDeliveryCountExceeded' });
    expect(dead?.description).toContain('cannot process {"broken":true}');
  });

  it('refuses sends to an entity nobody declared', () => {
    expect(() => runtime.queue.send('nowhere', [{ messageId: 'x', body: 1 }])).toThrow(/does not exist/);
  });
});

describe('restart', () => {
  it('fires a durable timer that was pending when the runtime stopped', async () => {
    const id = await start('longTimer', null);
    await waitForStatus(runtime, id, ['Running']);
    await runtime.idle();
    await runtime.stop();

    clock = new ManualClock(clock.now());
    ({ runtime } = await startTestRuntime({ loadApp, clock, dataDir }));
    await runtime.idle();
    expect((await instanceStatus(runtime, id))?.runtimeStatus).toBe('Running');
    clock.advance(60 * minute);
    const done = await waitForStatus(runtime, id, ['Completed']);
    expect(done.output).toMatchObject({ value: 8 });
  });
});
