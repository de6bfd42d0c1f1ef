// The Durable Task HTTP API: the durable client's RPC endpoints (rpcBaseUrl) and the management webhooks
// under /runtime/webhooks/durabletask share this one implementation.
import type { PlainResponse } from '../http/httpResponse';
import { jsonError } from '../http/httpResponse';
import { isTerminal, type DurableStore, type InstanceRecord, type RuntimeStatus } from './DurableStore';
import { traceContextFromHeaders, type RpcTraceContext } from '../host/traceContext';
import {
  InstanceConflictError,
  UnknownOrchestratorError,
  type ManagementOutcome,
  type OrchestrationEngine,
} from './OrchestrationEngine';

export interface ApiRequest {
  readonly method: string;
  /** Path below the API base, without a leading slash, e.g. `instances/abc/raiseEvent/Approval`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}

export interface ManagementLinks {
  /** Builds the public management URLs for an instance (status, raise event, terminate...). */
  forInstance(instanceId: string): Record<string, string>;
}

const runtimeStatuses: readonly RuntimeStatus[] = [
  'Pending',
  'Running',
  'Completed',
  'Failed',
  'Terminated',
  'Suspended',
];
const defaultPageSize = 100;

export class DurableHttpApi {
  constructor(
    private readonly engine: OrchestrationEngine,
    private readonly store: DurableStore,
    private readonly links: ManagementLinks,
    private readonly onChange: () => void,
  ) {}

  handle(request: ApiRequest): PlainResponse {
    const segments = request.path
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    const [head, id, verb, arg] = segments;
    const method = request.method.toUpperCase();
    try {
      if (head === 'orchestrators' && id && method === 'POST' && !arg) {
        return this.start(id, verb, request.body, traceContextFromHeaders(request.headers));
      }
      if (head === 'instances' && !id) {
        if (method === 'GET') {
          return this.query(request);
        }
        if (method === 'DELETE') {
          return this.purgeMany(request);
        }
      }
      if (head === 'instances' && id) {
        if (method === 'GET' && !verb) {
          return this.status(id, request.query);
        }
        if (method === 'DELETE' && !verb) {
          return this.engine.purge(id)
            ? { status: 200, body: { instancesDeleted: 1 } }
            : jsonError(404, 'not_found', `No instance "${id}".`);
        }
        if (method === 'POST' && verb === 'raiseEvent' && arg) {
          return this.outcome(this.engine.raiseEvent(id, arg, parseBody(request.body)), id);
        }
        const reason = request.query.get('reason') ?? '';
        if (method === 'POST' && verb === 'terminate') {
          return this.outcome(this.engine.terminate(id, reason), id);
        }
        if (method === 'POST' && verb === 'suspend') {
          return this.outcome(this.engine.suspend(id, reason), id);
        }
        if (method === 'POST' && verb === 'resume') {
          return this.outcome(this.engine.resume(id, reason), id);
        }
        if (method === 'POST' && (verb === 'rewind' || verb === 'restart')) {
          return jsonError(501, 'not_implemented', `"${verb}" is not supported by the local runtime.`);
        }
      }
      if (head === 'entities') {
        return jsonError(501, 'not_implemented', 'Durable entities are not supported by the local runtime.');
      }
      return jsonError(404, 'not_found', `No Durable Task API at ${method} ${request.path}.`);
    } catch (err) {
      if (err instanceof InstanceConflictError) {
        return jsonError(409, 'conflict', err.message);
      }
      if (err instanceof UnknownOrchestratorError) {
        return jsonError(404, 'not_found', err.message);
      }
      if (err instanceof SyntaxError) {
        return jsonError(400, 'bad_request', `The request body is not JSON: ${err.message}`);
      }
      throw err;
    }
  }

  private start(
    name: string,
    instanceId: string | undefined,
    body: string,
    trace: RpcTraceContext | undefined,
  ): PlainResponse {
    const id = this.engine.startNew(name, instanceId, parseBody(body), trace);
    this.onChange();
    return { status: 202, body: { id, ...this.links.forInstance(id) } };
  }

  private outcome(outcome: ManagementOutcome, instanceId: string): PlainResponse {
    this.onChange();
    switch (outcome) {
      case 'accepted':
        return { status: 202 };
      case 'gone':
        return jsonError(410, 'gone', `Instance "${instanceId}" has already completed.`);
      case 'not-found':
        return jsonError(404, 'not_found', `No instance "${instanceId}".`);
    }
  }

  private status(instanceId: string, query: URLSearchParams): PlainResponse {
    const instance = this.store.getInstance(instanceId);
    if (!instance) {
      return jsonError(404, 'not_found', `No instance "${instanceId}".`);
    }
    const body = this.describe(instance, {
      showInput: query.get('showInput') !== 'false',
      showHistory: query.get('showHistory') === 'true',
      showHistoryOutput: query.get('showHistoryOutput') === 'true',
    });
    const status =
      instance.runtimeStatus === 'Completed' ? 200 : isTerminal(instance.runtimeStatus) ? 400 : 202;
    return { status, body };
  }

  private query(request: ApiRequest): PlainResponse {
    const q = request.query;
    const statusFilter = (q.get('runtimeStatus') ?? '')
      .split(',')
      .filter((s) => s !== '')
      .map((s) => {
        const match = runtimeStatuses.find((r) => r.toLowerCase() === s.toLowerCase());
        if (!match) {
          throw new SyntaxError(`unknown runtimeStatus "${s}"`);
        }
        return match;
      });
    const top = Math.min(Number(q.get('top') ?? defaultPageSize) || defaultPageSize, 1000);
    const token = request.headers['x-ms-continuation-token'];
    const after = token ? decodeToken(token) : undefined;
    const createdFrom = q.get('createdTimeFrom');
    const createdTo = q.get('createdTimeTo');
    const prefix = q.get('instanceIdPrefix');
    const page = this.store.queryInstances({
      ...(statusFilter.length ? { runtimeStatus: statusFilter } : {}),
      ...(createdFrom ? { createdFrom: Date.parse(createdFrom) } : {}),
      ...(createdTo ? { createdTo: Date.parse(createdTo) } : {}),
      ...(prefix ? { instanceIdPrefix: prefix } : {}),
      ...(after ? { after } : {}),
      top: top + 1,
    });
    const items = page.slice(0, top);
    const last = items[items.length - 1];
    const headers: Record<string, string> = {};
    if (page.length > top && last) {
      headers['x-ms-continuation-token'] = encodeToken({
        createdAt: last.createdAt,
        instanceId: last.instanceId,
      });
    }
    const showInput = q.get('showInput') !== 'false';
    return {
      status: 200,
      headers,
      body: items.map((i) => this.describe(i, { showInput, showHistory: false, showHistoryOutput: false })),
    };
  }

  private purgeMany(request: ApiRequest): PlainResponse {
    const q = request.query;
    const statuses = (q.get('runtimeStatus') ?? 'Completed,Failed,Terminated').split(',') as RuntimeStatus[];
    const createdFrom = q.get('createdTimeFrom');
    const createdTo = q.get('createdTimeTo');
    const victims = this.store.queryInstances({
      runtimeStatus: statuses,
      ...(createdFrom ? { createdFrom: Date.parse(createdFrom) } : {}),
      ...(createdTo ? { createdTo: Date.parse(createdTo) } : {}),
      top: 1_000_000,
    });
    const deleted = this.store.transaction(
      () => victims.filter((v) => this.engine.purge(v.instanceId)).length,
    );
    return deleted > 0
      ? { status: 200, body: { instancesDeleted: deleted } }
      : jsonError(404, 'not_found', 'No instances matched.');
  }

  private describe(
    instance: InstanceRecord,
    options: { showInput: boolean; showHistory: boolean; showHistoryOutput: boolean },
  ): Record<string, unknown> {
    return {
      name: instance.name,
      instanceId: instance.instanceId,
      runtimeStatus: instance.runtimeStatus,
      input: options.showInput ? (JSON.parse(instance.input) as unknown) : null,
      customStatus: instance.customStatus === null ? null : (JSON.parse(instance.customStatus) as unknown),
      output: instance.output === null ? null : (JSON.parse(instance.output) as unknown),
      createdTime: new Date(instance.createdAt).toISOString(),
      lastUpdatedTime: new Date(instance.lastUpdatedAt).toISOString(),
      ...(options.showHistory
        ? {
            historyEvents: this.store.getHistory(instance.instanceId).map((e) => {
              if (options.showHistoryOutput) {
                return e;
              }
              const { Result: _result, Input: _input, ...rest } = e;
              return rest;
            }),
          }
        : {}),
    };
  }
}

function parseBody(body: string): unknown {
  return body.trim() === '' ? null : (JSON.parse(body) as unknown);
}

function encodeToken(key: { createdAt: number; instanceId: string }): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeToken(token: string): { createdAt: number; instanceId: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      createdAt: unknown;
      instanceId: unknown;
    };
    if (typeof parsed.createdAt === 'number' && typeof parsed.instanceId === 'string') {
      return { createdAt: parsed.createdAt, instanceId: parsed.instanceId };
    }
  } catch {
    // fall through to the error below
  }
  throw new SyntaxError('invalid continuation token');
}
