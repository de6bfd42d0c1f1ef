// A test-only function app whose Service Bus triggers record what the runtime handed them, so one suite
// can check the embedded queue and a Service Bus namespace (the stand-in) behave the same.
import { app, type InvocationContext } from '@azure/functions';

export interface Delivery {
  readonly fn: string;
  readonly body: unknown;
  readonly metadata: Record<string, unknown>;
}

export const seen = {
  deliveries: [] as Delivery[],
  running: 0,
  maxRunning: 0,
  reset(): void {
    this.deliveries = [];
    this.running = 0;
    this.maxRunning = 0;
  },
};

const connection = 'ServiceBusConnection';

function record(fn: string, body: unknown, context: InvocationContext): Delivery {
  const delivery = { fn, body, metadata: { ...context.triggerMetadata } };
  seen.deliveries.push(delivery);
  return delivery;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

app.serviceBusQueue('sbComplete', {
  connection,
  queueName: 'sb-complete',
  handler: (message: unknown, context: InvocationContext) => {
    record('sbComplete', message, context);
  },
});

app.serviceBusQueue('sbFailsOnce', {
  connection,
  queueName: 'sb-fails-once',
  handler: (message: unknown, context: InvocationContext) => {
    const { metadata } = record('sbFailsOnce', message, context);
    if (metadata.deliveryCount === 1) {
      throw new Error('first delivery fails');
    }
  },
});

app.serviceBusQueue('sbPoison', {
  connection,
  queueName: 'sb-poison',
  handler: (message: unknown, context: InvocationContext) => {
    record('sbPoison', message, context);
    throw new Error(`cannot process ${JSON.stringify(message)}`);
  },
});

/** Takes `{ ms }` to finish; counts how many run at once. */
app.serviceBusQueue('sbSlow', {
  connection,
  queueName: 'sb-slow',
  handler: async (message: unknown, context: InvocationContext) => {
    record('sbSlow', message, context);
    seen.running++;
    seen.maxRunning = Math.max(seen.maxRunning, seen.running);
    try {
      await sleep((message as { ms: number }).ms);
    } finally {
      seen.running--;
    }
  },
});

app.serviceBusTopic('sbTopicSubscriber', {
  connection,
  topicName: 'sb-topic',
  subscriptionName: 'conformance',
  handler: (message: unknown, context: InvocationContext) => {
    record('sbTopicSubscriber', message, context);
  },
});
