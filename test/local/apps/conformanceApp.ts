// A small test-only function app exercising what the local runtime must host faithfully.
import { app, HttpResponse, type HttpRequest, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';

/** What activities and handlers did, for assertions. */
export const observed = {
  calls: new Map<string, number>(),
  processed: [] as string[],
  nonDeterministicFirstRun: true,
};

function count(name: string): number {
  const n = (observed.calls.get(name) ?? 0) + 1;
  observed.calls.set(name, n);
  return n;
}

const clientInput = df.input.durableClient();

// ---- HTTP ------------------------------------------------------------------------------------------------
app.http('publicHello', {
  route: 'public/{name}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (req: HttpRequest) => ({
    status: 200,
    jsonBody: { hello: req.params.name, q: req.query.get('q') },
  }),
});
app.http('keyed', {
  route: 'keyed',
  methods: ['GET'],
  authLevel: 'function',
  handler: () => ({ body: 'keyed ok' }),
});
app.http('adminOnly', {
  route: 'admin-only',
  methods: ['GET'],
  authLevel: 'admin',
  handler: () => ({ body: 'admin ok' }),
});
app.http('itemById', {
  route: 'items/{id:int}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: (req: HttpRequest) => ({ jsonBody: { route: 'byId', id: req.params.id } }),
});
app.http('itemSpecial', {
  route: 'items/special',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => ({ jsonBody: { route: 'special' } }),
});
app.http('echo', {
  route: 'echo',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: async (req: HttpRequest) => {
    const text = await req.text();
    return new HttpResponse({
      status: 201,
      headers: { 'x-echo': req.headers.get('x-test') ?? '', 'content-type': 'text/plain' },
      body: text.toUpperCase(),
      cookies: [{ name: 'session', value: 'abc', httpOnly: true, path: '/' }],
    });
  },
});
app.http('streamed', {
  route: 'streamed',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        ['one,', 'two,', 'three'].forEach((part) => controller.enqueue(new TextEncoder().encode(part)));
        controller.close();
      },
    });
    return { status: 200, body: stream };
  },
});
app.http('crashes', {
  route: 'crashes',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => {
    throw new Error('secret detail that must not reach the caller');
  },
});
app.http('startOrchestration', {
  route: 'start/{name}/{id?}',
  methods: ['POST'],
  authLevel: 'function',
  extraInputs: [clientInput],
  handler: async (req: HttpRequest, context: InvocationContext) => {
    const client = df.getClient(context);
    const input = await req.json();
    const instanceId = await client.startNew(req.params.name ?? '', {
      input,
      ...(req.params.id ? { instanceId: req.params.id } : {}),
    });
    return client.createCheckStatusResponse(req, instanceId);
  },
});
app.http('clientOps', {
  route: 'client/{op}/{id?}',
  methods: ['POST', 'GET'],
  authLevel: 'function',
  extraInputs: [clientInput],
  handler: async (req: HttpRequest, context: InvocationContext) => {
    const client = df.getClient(context);
    const id = req.params.id ?? '';
    switch (req.params.op) {
      case 'raise':
        await client.raiseEvent(id, req.query.get('event') ?? '', await req.json());
        return { status: 202 };
      case 'status':
        return { jsonBody: await client.getStatus(id) };
      case 'query':
        return {
          jsonBody: await client.getStatusBy({
            runtimeStatus: [df.OrchestrationRuntimeStatus.Running, df.OrchestrationRuntimeStatus.Completed],
          }),
        };
      case 'terminate':
        await client.terminate(id, 'operator said stop');
        return { status: 202 };
      case 'suspend':
        await client.suspend(id, 'hold');
        return { status: 202 };
      case 'resume':
        await client.resume(id, 'go');
        return { status: 202 };
      case 'purge':
        return { jsonBody: await client.purgeInstanceHistory(id) };
      default:
        return { status: 400 };
    }
  },
});

// ---- activities ------------------------------------------------------------------------------------------
df.app.activity('noop', { handler: (input: unknown) => input });
df.app.activity('noopA', { handler: () => 'a' });
df.app.activity('noopB', { handler: () => 'b' });
df.app.activity('alwaysFails', {
  handler: () => {
    count('alwaysFails');
    throw new Error('boom');
  },
});
df.app.activity('failsTwice', {
  handler: (input: string) => {
    if (count(`failsTwice:${input}`) <= 2) {
      throw new Error('transient');
    }
    return `ok after ${observed.calls.get(`failsTwice:${input}`)}`;
  },
});
df.app.activity('double', { handler: (n: number) => n * 2 });

// ---- orchestrations -------------------------------------------------------------------------------------
const approvalRace: OrchestrationHandler = function* (context: OrchestrationContext) {
  const { timeoutMs } = context.df.getInput<{ timeoutMs: number }>();
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + timeoutMs);
  const timer = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent('Approval');
  const winner: unknown = yield context.df.Task.any([approval, timer]);
  if (winner === approval) {
    timer.cancel();
    return { outcome: 'approved', by: approval.result };
  }
  return { outcome: 'timed-out' };
};
df.app.orchestration('approvalRace', approvalRace);

df.app.orchestration('earlyEvent', function* (context: OrchestrationContext) {
  yield context.df.callActivity('noop', 'first');
  const go: unknown = yield context.df.waitForExternalEvent('Go');
  return { received: go };
});

df.app.orchestration('retryExhaustion', function* (context: OrchestrationContext) {
  const retry = new df.RetryOptions(1000, 3);
  retry.backoffCoefficient = 2;
  yield context.df.callActivityWithRetry('alwaysFails', retry, null);
  return 'unreachable';
});

df.app.orchestration('retryRecovers', function* (context: OrchestrationContext) {
  const retry = new df.RetryOptions(500, 5);
  const [a, b]: unknown[] = (yield context.df.Task.all([
    context.df.callActivityWithRetry('failsTwice', retry, `${context.df.instanceId}-a`),
    context.df.callActivityWithRetry('failsTwice', retry, `${context.df.instanceId}-b`),
  ])) as unknown[];
  const after: unknown = yield context.df.callActivity('double', 21);
  return { a, b, after };
});

df.app.orchestration('parentFlow', function* (context: OrchestrationContext) {
  const child: unknown = yield context.df.callSubOrchestrator(
    'childFlow',
    5,
    `${context.df.instanceId}-child`,
  );
  return { child };
});
df.app.orchestration('childFlow', function* (context: OrchestrationContext) {
  const n = context.df.getInput<number>();
  const doubled: unknown = yield context.df.callActivity('double', n);
  context.df.setCustomStatus({ stage: 'child-done' });
  return doubled;
});

df.app.orchestration('failingChildParent', function* (context: OrchestrationContext) {
  try {
    yield context.df.callSubOrchestrator('failingChild', null);
    return 'no error';
  } catch (err) {
    return { caught: err instanceof Error ? err.message : String(err) };
  }
});
df.app.orchestration('failingChild', function* (context: OrchestrationContext) {
  yield context.df.callActivity('noop', 1);
  throw new Error('child broke');
});

df.app.orchestration('longTimer', function* (context: OrchestrationContext) {
  const fireAt = new Date(context.df.currentUtcDateTime.getTime() + 60 * 60 * 1000);
  yield context.df.createTimer(fireAt);
  const value: unknown = yield context.df.callActivity('double', 4);
  return { value, firedAfter: context.df.currentUtcDateTime.toISOString() };
});

df.app.orchestration('nonDeterministic', function* (context: OrchestrationContext) {
  yield context.df.callActivity(observed.nonDeterministicFirstRun ? 'noopA' : 'noopB');
  yield context.df.waitForExternalEvent('Next');
  return 'done';
});

// Continue-as-new needs no yield: the episode ends when the generator returns.
// eslint-disable-next-line require-yield
df.app.orchestration('counter', function* (context: OrchestrationContext) {
  const n = context.df.getInput<number>();
  context.df.setCustomStatus({ n });
  if (n < 3) {
    context.df.continueAsNew(n + 1);
    return undefined;
  }
  return n;
});

// Takes one event per execution and hands the tally on; five events end it.
df.app.orchestration('talliesAcrossExecutions', function* (context: OrchestrationContext) {
  const seen = context.df.getInput<string[]>();
  const value = (yield context.df.waitForExternalEvent('Add')) as string;
  const tally = [...seen, value];
  if (tally.length < 5) {
    context.df.continueAsNew(tally);
    return undefined;
  }
  return tally;
});

// Deliberately broken: decides differently on every invocation, which only a double replay notices at once.
let flip = false;
df.app.orchestration('flipFlop', function* (context: OrchestrationContext) {
  flip = !flip;
  yield context.df.callActivity(flip ? 'noopA' : 'noopB');
  return 'finished';
});

df.app.activity('countCalls', {
  handler: (key: string) => {
    count(`countCalls:${key}`);
    return key;
  },
});
df.app.orchestration('callsCounter', function* (context: OrchestrationContext) {
  return (yield context.df.callActivity('countCalls', context.df.instanceId)) as unknown;
});

df.app.orchestration('waitsForever', function* (context: OrchestrationContext) {
  const value: unknown = yield context.df.waitForExternalEvent('Never');
  return value;
});

// ---- Service Bus ------------------------------------------------------------------------------------------
app.serviceBusQueue('poisonHandler', {
  queueName: 'poison-work',
  connection: 'ServiceBusConnection',
  handler: (message: unknown, context: InvocationContext) => {
    count(`poison:${String(context.triggerMetadata?.messageId)}`);
    throw new Error(`cannot process ${JSON.stringify(message)}`);
  },
});
app.serviceBusQueue('goodHandler', {
  queueName: 'good-work',
  connection: 'ServiceBusConnection',
  handler: (message: unknown, context: InvocationContext) => {
    observed.processed.push(
      `${JSON.stringify(message)}|${String(context.triggerMetadata?.messageId)}|${String(context.triggerMetadata?.deliveryCount)}`,
    );
  },
});
