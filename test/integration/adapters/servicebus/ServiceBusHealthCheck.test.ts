// GET /api/health's Service Bus check against the stand-in: healthy when a new sender link to the queue
// attaches, not healthy (with the reason) when the namespace stops answering, even after a healthy check.
import { ServiceBusHealthCheck } from '../../../../shared/adapters/servicebus/ServiceBusHealthCheck';
import { ServiceBusMessageSender } from '../../../../shared/adapters/servicebus/ServiceBusMessageSender';
import { ServiceBusStandIn } from '../../../standins/serviceBus/ServiceBusStandIn';

it('reports ok while the queue accepts a sender link, and the failure once the namespace is gone', async () => {
  const sb = await ServiceBusStandIn.start({ queues: [{ name: 'alerts' }] });
  const sender = new ServiceBusMessageSender(
    { connectionString: sb.connectionString },
    { clientOptions: { retryOptions: { maxRetries: 0, timeoutInMs: 2000 } } },
  );
  const check = new ServiceBusHealthCheck(() => sender, 'alerts', 1000);
  try {
    expect(await check.check()).toEqual({ name: 'service-bus', ok: true });
    await sb.stop();
    const after = await check.check();
    expect(after).toMatchObject({ name: 'service-bus', ok: false, detail: expect.stringMatching(/alerts/) });
  } finally {
    await sender.close();
  }
}, 30_000);
