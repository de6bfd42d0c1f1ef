// A local stand-in for Azure Resource Manager, for tests: an HTTPS server speaking the management REST shapes
// the @azure/arm-* SDKs use. Resources are JSON documents by path; GET / PUT / PATCH / DELETE act on them, POST
// runs an action the test registers; a write may be a long-running operation polled through
// Azure-AsyncOperation and Location; faults (403 / 404 / 409 / 429 with Retry-After, slow answers) are scripted.
// What it does not model: see README.md beside this file.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './selfSignedCertificate';
import { TEST_ARM_TOKEN } from './testCredential';

export type Json = Record<string, unknown>;

export interface RecordedRequest {
  readonly method: string;
  /** The path as sent (original case), without the query. */
  readonly path: string;
  readonly apiVersion: string | undefined;
  readonly body: unknown;
}

export interface Fault {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
  /** Seconds, sent as Retry-After. */
  readonly retryAfter?: number;
  /** Answer this many matching requests so (default: all of them). */
  readonly times?: number;
  /** Answer late (after this many ms), then normally: for timeouts. */
  readonly delayMs?: number;
}

interface FaultRule extends Fault {
  readonly method: string | undefined;
  readonly path: RegExp;
  used: number;
}

/** An action (POST …/{resource}/{action}): changes documents when its operation completes; may answer a body. */
export type ActionHandler = (context: {
  resourcePath: string;
  body: unknown;
  standIn: ArmStandIn;
}) => unknown;

interface Operation {
  pollsLeft: number;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  complete: () => unknown;
  result: unknown;
  error?: { code: string; message: string };
}

const OPERATIONS = '/providers/Microsoft.StandIn/operations/';
const OPERATION_RESULTS = '/providers/Microsoft.StandIn/operationResults/';

export class ArmStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly resources = new Map<string, Json>();
  private readonly actions: { path: RegExp; handler: ActionHandler }[] = [];
  private readonly readHooks: { path: RegExp; hook: (document: Json) => void }[] = [];
  private readonly faults: FaultRule[] = [];
  private readonly operations = new Map<string, Operation>();
  /** Paths (regex) whose writes are long-running, and how many polls answer InProgress first. */
  private readonly longRunning: { path: RegExp; polls: number; fail?: { code: string; message: string } }[] =
    [];
  private server: Server | undefined;
  private base = '';

  static async start(): Promise<ArmStandIn> {
    const standIn = new ArmStandIn();
    const { key, cert } = selfSignedCertificate();
    standIn.server = createServer({ key, cert }, (req, res) => void standIn.handle(req, res));
    await new Promise<void>((resolve) => standIn.server?.listen(0, '127.0.0.1', resolve));
    standIn.base = `https://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  /** What the SDKs take as `endpoint`. */
  get endpoint(): string {
    return this.base;
  }

  /** The certificate to trust (tlsOptions.ca). */
  get certificate(): string {
    return selfSignedCertificate().cert;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** Puts (replaces) a resource document; `id` and `name` are filled from the path. */
  put(path: string, document: Json): void {
    this.resources.set(path.toLowerCase(), {
      id: path,
      name: path.slice(path.lastIndexOf('/') + 1),
      ...document,
    });
  }

  get(path: string): Json | undefined {
    return this.resources.get(path.toLowerCase());
  }

  /** Runs before each GET of a matching resource: e.g. a job that moves on as it is watched. */
  onRead(path: RegExp, hook: (document: Json) => void): void {
    this.readHooks.push({ path, hook });
  }

  onAction(path: RegExp, handler: ActionHandler): void {
    this.actions.push({ path, handler });
  }

  /** Writes to matching paths answer 202 / 201 and finish after `polls` InProgress polls (or fail). */
  makeLongRunning(path: RegExp, polls: number, fail?: { code: string; message: string }): void {
    this.longRunning.push({ path, polls, ...(fail ? { fail } : {}) });
  }

  fault(method: string | undefined, path: RegExp, fault: Fault): void {
    this.faults.push({ method, path, ...fault, used: 0 });
  }

  /** The requests other than operation polls, as `METHOD path`. */
  calls(): string[] {
    return this.requests
      .filter((r) => !r.path.includes('/providers/Microsoft.StandIn/'))
      .map((r) => `${r.method} ${r.path}`);
  }

  polls(): number {
    return this.requests.filter((r) => r.path.includes(OPERATIONS)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const text = await readBody(req);
    const body: unknown = text ? (JSON.parse(text) as unknown) : undefined;
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version') ?? undefined,
      body,
    });
    if (req.headers.authorization !== `Bearer ${TEST_ARM_TOKEN}`) {
      return send(
        res,
        401,
        armError(
          'AuthenticationFailed',
          'Authentication failed. The Authorization header is missing or has no valid bearer token.',
        ),
      );
    }
    const rule = this.faults.find(
      (f) =>
        (f.method === undefined || f.method === method) &&
        f.path.test(url.pathname) &&
        (f.times === undefined || f.used < f.times),
    );
    if (rule) {
      rule.used++;
      if (rule.delayMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
      } else {
        const headers: Record<string, string> =
          rule.retryAfter === undefined ? {} : { 'retry-after': String(rule.retryAfter) };
        return send(
          res,
          rule.status,
          armError(rule.code ?? 'StandInFault', rule.message ?? `Scripted ${rule.status}`),
          headers,
        );
      }
    }
    if (!url.searchParams.get('api-version')) {
      return send(
        res,
        400,
        armError(
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.',
        ),
      );
    }
    const path = url.pathname;
    if (path.includes(OPERATIONS))
      return this.pollStatus(res, path.slice(path.indexOf(OPERATIONS) + OPERATIONS.length));
    if (path.includes(OPERATION_RESULTS))
      return this.pollResult(res, path.slice(path.indexOf(OPERATION_RESULTS) + OPERATION_RESULTS.length));
    switch (method) {
      case 'GET': {
        const found = this.get(path);
        if (found) for (const { hook } of this.readHooks.filter((h) => h.path.test(path))) hook(found);
        return found ? send(res, 200, found) : send(res, 404, notFound(path));
      }
      case 'PUT': {
        const existed = this.get(path) !== undefined;
        return this.write(res, path, existed ? 200 : 201, () => {
          this.put(path, (body ?? {}) as Json);
          return this.get(path);
        });
      }
      case 'PATCH': {
        const current = this.get(path);
        if (!current) return send(res, 404, notFound(path));
        return this.write(res, path, 200, () => {
          this.put(path, deepMerge(current, (body ?? {}) as Json));
          return this.get(path);
        });
      }
      case 'DELETE': {
        if (!this.get(path)) return send(res, 204, undefined);
        return this.write(res, path, 200, () => {
          this.resources.delete(path.toLowerCase());
          return undefined;
        });
      }
      case 'POST': {
        const action = this.actions.find((a) => a.path.test(path));
        const resourcePath = path.slice(0, path.lastIndexOf('/'));
        if (!action) return send(res, 404, armError('NoRegisteredProviderFound', `No action at ${path}`));
        if (!this.get(resourcePath)) return send(res, 404, notFound(resourcePath));
        return this.write(res, path, 200, () => action.handler({ resourcePath, body, standIn: this }));
      }
      default:
        return send(res, 405, armError('MethodNotAllowed', `${method} is not supported`));
    }
  }

  /** Applies a write now, or as a long-running operation that applies it when it completes. */
  private write(res: ServerResponse, path: string, status: number, apply: () => unknown): void {
    const lro = this.longRunning.find((l) => l.path.test(path));
    if (!lro) {
      const result = apply();
      return result === undefined ? send(res, status === 200 ? 200 : status, {}) : send(res, status, result);
    }
    const id = randomUUID();
    this.operations.set(id, {
      pollsLeft: lro.polls,
      status: 'InProgress',
      complete: apply,
      result: undefined,
      ...(lro.fail ? { error: lro.fail } : {}),
    });
    const sub = path.split('/').slice(0, 3).join('/');
    send(res, 202, undefined, {
      'azure-asyncoperation': `${this.base}${sub}${OPERATIONS}${id}?api-version=standin`,
      location: `${this.base}${sub}${OPERATION_RESULTS}${id}?api-version=standin`,
    });
  }

  private advance(id: string): Operation | undefined {
    const op = this.operations.get(id);
    if (op && op.status === 'InProgress') {
      if (op.pollsLeft > 0) op.pollsLeft--;
      else if (op.error) op.status = 'Failed';
      else {
        op.result = op.complete();
        op.status = 'Succeeded';
      }
    }
    return op;
  }

  private pollStatus(res: ServerResponse, id: string): void {
    const op = this.advance(id);
    if (!op) return send(res, 404, armError('OperationNotFound', `No operation ${id}`));
    send(res, 200, {
      id,
      status: op.status,
      ...(op.error && op.status === 'Failed' ? { error: op.error } : {}),
    });
  }

  private pollResult(res: ServerResponse, id: string): void {
    const op = this.operations.get(id);
    if (!op) return send(res, 404, armError('OperationNotFound', `No operation ${id}`));
    if (op.status === 'InProgress')
      return send(res, 202, undefined, { location: `${this.base}${OPERATION_RESULTS}${id}` });
    if (op.status === 'Failed') return send(res, 500, { error: op.error });
    return op.result === undefined ? send(res, 204, undefined) : send(res, 200, op.result);
  }
}

export function armError(code: string, message: string) {
  return { error: { code, message } };
}

function notFound(path: string) {
  return armError('ResourceNotFound', `The Resource '${path}' was not found.`);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function deepMerge(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current)
        ? deepMerge(current as Json, value as Json)
        : value;
  }
  return out;
}
