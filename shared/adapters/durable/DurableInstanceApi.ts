// The two Durable management calls whose answer depends on an HTTP status: an instance's status (404: there
// is none) and raising an event (404: no such instance, 410: it has finished). durable-functions' client
// folds both statuses into plain Errors with English text (and an incident id such as "…-140405" contains
// "404"), so these go to the same endpoints the client uses (the extension's local RPC endpoint, else the
// management webhooks) and read the status itself.
import { z } from 'zod';
import { TransientError } from '../../errors';

/** A local call to the extension; a host this slow is better retried than waited on. */
const REQUEST_TIMEOUT_MS = 30_000;

/** What the durableClient input binding carries (the part used here), as the extension sends it. */
export const durableClientDataSchema = z.looseObject({
  taskHubName: z.string().min(1),
  rpcBaseUrl: z.url().optional(),
  managementUrls: z.looseObject({
    id: z.string().min(1),
    statusQueryGetUri: z.url(),
    sendEventPostUri: z.url(),
  }),
});
export type DurableClientData = z.infer<typeof durableClientDataSchema>;

export type RaiseOutcome =
  /** 202: queued for the running instance. */
  | 'delivered'
  /** 410: the instance has finished (completed, failed or terminated); nothing is listening. */
  | 'finished'
  /** 404: no instance with this id exists. */
  | 'not-found';

const EVENT_NAME_PLACEHOLDER = '{eventName}';

export class DurableInstanceApi {
  constructor(private readonly client: DurableClientData) {}

  /** The instance's runtime status (`Running`, `Completed`...), or undefined when there is no such instance. */
  async runtimeStatus(instanceId: string): Promise<string | undefined> {
    const response = await this.send('GET', this.statusUrl(instanceId));
    if (response.status === 404) {
      return undefined;
    }
    // 200 (finished), 202 (running); a failed instance answers 400 or 500 with its status in the body,
    // depending on the extension's version.
    const parsed = z.object({ runtimeStatus: z.string().min(1) }).safeParse(await readJson(response));
    if (!parsed.success) {
      throw unexpected(response, `the status of instance '${instanceId}'`);
    }
    return parsed.data.runtimeStatus;
  }

  async raiseEvent(instanceId: string, eventName: string, payload: unknown): Promise<RaiseOutcome> {
    const response = await this.send('POST', this.raiseUrl(instanceId, eventName), JSON.stringify(payload));
    switch (response.status) {
      case 202:
        return 'delivered';
      case 410:
        return 'finished';
      case 404:
        return 'not-found';
      default:
        throw unexpected(response, `raising '${eventName}' to instance '${instanceId}'`);
    }
  }

  private statusUrl(instanceId: string): string {
    const id = encodeURIComponent(instanceId);
    if (this.client.rpcBaseUrl !== undefined) {
      return new URL(`instances/${id}?showInput=false`, this.client.rpcBaseUrl).href;
    }
    return `${this.client.managementUrls.statusQueryGetUri.replace(this.client.managementUrls.id, id)}&showInput=false`;
  }

  private raiseUrl(instanceId: string, eventName: string): string {
    const id = encodeURIComponent(instanceId);
    const name = encodeURIComponent(eventName);
    if (this.client.rpcBaseUrl !== undefined) {
      return new URL(`instances/${id}/raiseEvent/${name}`, this.client.rpcBaseUrl).href;
    }
    return this.client.managementUrls.sendEventPostUri
      .replace(this.client.managementUrls.id, id)
      .replace(EVENT_NAME_PLACEHOLDER, name);
  }

  private async send(method: 'GET' | 'POST', url: string, body?: string): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new TransientError(
        `The Durable Functions host could not be reached (${method} ${redact(url)})`,
        undefined,
        {
          cause: err,
        },
      );
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function unexpected(response: Response, what: string): Error {
  const message = `The Durable Functions host answered ${response.status} for ${what}`;
  return response.status >= 500 || response.status === 429 ? new TransientError(message) : new Error(message);
}

/** Webhook URLs carry the system key as `code=`: never in an error message. */
function redact(url: string): string {
  return url.replace(/([?&]code=)[^&]*/g, '$1***');
}
