// Plain ARM requests through the same pipeline the @azure/arm-* clients use (bearer token, retries on 429 /
// 5xx, TLS): for `azure.arm` and for Automation jobs. Long-running operations are polled with @azure/core-lro,
// the poller the generated clients use (Azure-AsyncOperation, Location or the resource's provisioningState).
import { ServiceClient } from '@azure/core-client';
import { createHttpPoller, type LroResponse } from '@azure/core-lro';
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelineRequestOptions,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { armClientOptions, DEFAULT_LRO_POLL_INTERVAL_MS, type ArmConnection } from './ArmConnection';

type Signal = NonNullable<PipelineRequestOptions['abortSignal']>;

export interface ArmResponse {
  readonly status: number;
  readonly body: unknown;
}

export class ArmRequests {
  private readonly client: ServiceClient;
  private readonly endpoint: string;

  constructor(private readonly connection: ArmConnection) {
    const options = armClientOptions(connection);
    this.endpoint = options.endpoint;
    this.client = new ServiceClient({ ...options, credential: connection.credential });
  }

  /** One request; an error status rejects with a RestError (as the generated clients do). */
  async send(method: string, path: string, body: unknown, abortSignal: Signal): Promise<ArmResponse> {
    const response = await this.raw(method, this.url(path), body, abortSignal);
    return { status: response.status, body: parseBody(response) };
  }

  /** GET that resolves `undefined` for 404 (the resource is not there yet). */
  async read(path: string, abortSignal: Signal): Promise<unknown> {
    try {
      return (await this.send('GET', path, undefined, abortSignal)).body;
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  /** Sends the request and, when Azure answers with a long-running operation, polls it until it ends. */
  async sendAndWait(method: string, path: string, body: unknown, abortSignal: Signal): Promise<unknown> {
    const url = this.url(path);
    const toLro = (response: PipelineResponse): LroResponse => ({
      flatResponse: parseBody(response),
      rawResponse: {
        statusCode: response.status,
        headers: response.headers.toJSON(),
        body: parseBody(response),
      },
    });
    const poller = await createHttpPoller(
      {
        requestPath: url,
        requestMethod: method,
        sendInitialRequest: async () => toLro(await this.raw(method, url, body, abortSignal)),
        sendPollRequest: async (pollPath, options) =>
          toLro(await this.raw('GET', this.url(pollPath), undefined, options?.abortSignal ?? abortSignal)),
      },
      { intervalInMs: this.connection.pollIntervalMs ?? DEFAULT_LRO_POLL_INTERVAL_MS },
    );
    return poller.pollUntilDone({ abortSignal });
  }

  private url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.endpoint}${path}`;
  }

  private async raw(method: string, url: string, body: unknown, abortSignal: Signal) {
    const request = createPipelineRequest({
      url,
      method: method as 'GET',
      abortSignal,
      headers: createHttpHeaders(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const response = await this.client.sendRequest(request);
    if (response.status >= 400) {
      const parsed = parseBody(response) as { error?: { code?: string; message?: string } } | undefined;
      throw new RestError(parsed?.error?.message ?? `${method} answered ${response.status}`, {
        statusCode: response.status,
        ...(parsed?.error?.code ? { code: parsed.error.code } : {}),
        request,
        response,
      });
    }
    return response;
  }
}

function parseBody(response: PipelineResponse): unknown {
  if (!response.bodyAsText) return undefined;
  try {
    return JSON.parse(response.bodyAsText) as unknown;
  } catch {
    return response.bodyAsText;
  }
}
