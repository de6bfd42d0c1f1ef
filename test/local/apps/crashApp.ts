// Test-only app for the crash test: queue work starts orchestrations whose activities call an idempotent
// HTTP target with an idempotency key, with a durable timer between steps.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { EmbeddedMessageSender } from '../../../shared/adapters/sqlite/EmbeddedMessageSender';
import { EmbeddedQueue } from '../../../shared/adapters/sqlite/EmbeddedQueue';
import { openEmbeddedDatabase } from '../../../shared/adapters/sqlite/openEmbeddedDatabase';

const targetUrl = () => process.env.CRASH_TARGET_URL ?? '';
let sender: EmbeddedMessageSender | undefined;

async function applyEffect(key: string): Promise<void> {
  const res = await fetch(`${targetUrl()}/effect`, { method: 'POST', headers: { 'idempotency-key': key } });
  if (!res.ok) {
    throw new Error(`target answered ${res.status}`);
  }
}

app.http('enqueue', {
  route: 'enqueue',
  methods: ['POST'],
  authLevel: 'function',
  handler: async (req: HttpRequest) => {
    const { ids } = (await req.json()) as { ids: string[] };
    sender ??= new EmbeddedMessageSender(
      new EmbeddedQueue(openEmbeddedDatabase(process.env.LIFEBOAT_DATA_DIR ?? '')),
    );
    await sender.send(
      'jobs',
      ids.map((id) => ({ messageId: id, body: { id } })),
    );
    return { status: 202 };
  },
});

app.serviceBusQueue('job', {
  queueName: 'jobs',
  connection: 'ServiceBusConnection',
  extraInputs: [df.input.durableClient()],
  handler: async (message: unknown, context: InvocationContext) => {
    const { id } = message as { id: string };
    await applyEffect(`job:${id}`);
    const client = df.getClient(context);
    const existing = await client.getStatus(id).catch(() => undefined);
    if (!existing) {
      await client.startNew('crashFlow', { instanceId: id, input: id });
    }
  },
});

df.app.activity('effect', { handler: (key: string) => applyEffect(key) });

df.app.orchestration('crashFlow', function* (context: OrchestrationContext) {
  const id = context.df.getInput<string>();
  yield context.df.callActivity('effect', `${id}:1`);
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1500));
  yield context.df.callActivity('effect', `${id}:2`);
  yield context.df.callActivity('effect', `${id}:3`);
  return 'done';
});
