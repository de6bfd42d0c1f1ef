// Stands in for `@azure/functions-core`, the module the Functions Node worker injects: it captures the
// app's registrations (function metadata + callback, programming model, hooks) exactly as the worker would.

export const version = 'lifeboat-local';
export const hostVersion = 'lifeboat-local';

export type RpcLogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none';
export type RpcLogCategory = 'user' | 'system' | 'customMetric';
export type FunctionCallback = (...args: unknown[]) => unknown;

export interface RpcBindingInfo {
  type?: string | null;
  direction?: 'in' | 'out' | 'inout' | null;
  [property: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  functionId?: string;
  bindings: Record<string, RpcBindingInfo>;
  retryOptions?: unknown;
}

export interface CapturedFunction {
  readonly metadata: FunctionMetadata;
  readonly callback: FunctionCallback;
}

export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}

export interface RpcInvocationResponse {
  invocationId?: string | null;
  outputData?: { name?: string | null; data?: RpcTypedData | null }[] | null;
  returnValue?: RpcTypedData | null;
}

export interface RpcTypedData {
  string?: string | null;
  json?: string | null;
  bytes?: Uint8Array | null;
  http?: RpcHttpData | null;
  int?: number | null;
  double?: number | null;
}

export interface RpcHttpData {
  method?: string | null;
  url?: string | null;
  headers?: Record<string, string> | null;
  body?: RpcTypedData | null;
  params?: Record<string, string> | null;
  statusCode?: string | null;
  query?: Record<string, string> | null;
  cookies?: RpcHttpCookie[] | null;
}

export interface RpcHttpCookie {
  name?: string | null;
  value?: string | null;
  domain?: { value?: string | null } | null;
  path?: { value?: string | null } | null;
  expires?: { value?: { seconds?: number | null } | null } | null;
  secure?: { value?: boolean | null } | null;
  httpOnly?: { value?: boolean | null } | null;
  sameSite?: string | null;
  maxAge?: { value?: number | null } | null;
}

export interface CoreInvocationContext {
  invocationId: string;
  request: {
    invocationId?: string;
    functionId?: string;
    inputData?: { name: string; data: RpcTypedData }[];
    triggerMetadata?: Record<string, RpcTypedData>;
  };
  metadata: { name: string; bindings: Record<string, RpcBindingInfo> };
  state?: 'preInvocationHooks' | 'postInvocationHooks' | 'invocation';
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void;
}

export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreContext: CoreInvocationContext): InvocationModel | Promise<InvocationModel>;
}

export type HookName = 'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate' | 'log';
export type HookCallback = (context: Record<string, unknown>) => unknown;

export class Disposable {
  static from(...disposables: { dispose: () => unknown }[]): Disposable {
    return new Disposable(() => disposables.forEach((d) => d.dispose()));
  }
  constructor(private readonly callOnDispose: () => unknown) {}
  dispose(): unknown {
    return this.callOnDispose();
  }
}

type LogSink = (level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

/** Everything the app registered, in registration order. One per process, like the worker's. */
interface Registry {
  functions: CapturedFunction[];
  hooks: { name: string; callback: HookCallback }[];
  programmingModel?: ProgrammingModel;
  logSink: LogSink;
}

const registry: Registry = {
  functions: [],
  hooks: [],
  logSink: (level, category, message) => {
    if (level === 'error' || level === 'critical' || level === 'warning') {
      process.stderr.write(`[${category}] ${message}\n`);
    }
  },
};

export function registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
  const duplicate = registry.functions.find(
    (f) => f.metadata.name.toLowerCase() === metadata.name.toLowerCase(),
  );
  if (duplicate) {
    throw new Error(`A function named "${metadata.name}" is already registered.`);
  }
  const entry: CapturedFunction = { metadata, callback };
  registry.functions.push(entry);
  return new Disposable(() => {
    registry.functions = registry.functions.filter((f) => f !== entry);
  });
}

export function registerHook(name: string, callback: HookCallback): Disposable {
  const entry = { name, callback };
  registry.hooks.push(entry);
  return new Disposable(() => {
    registry.hooks = registry.hooks.filter((h) => h !== entry);
  });
}

export function setProgrammingModel(model: ProgrammingModel): void {
  registry.programmingModel = model;
}

export function getProgrammingModel(): ProgrammingModel | undefined {
  return registry.programmingModel;
}

export function log(level: RpcLogLevel, category: RpcLogCategory, message: string): void {
  registry.logSink(level, category, message);
}

/** Runtime side: what has been captured so far. */
export function capturedFunctions(): readonly CapturedFunction[] {
  return registry.functions;
}

export function capturedHooks(name: HookName): HookCallback[] {
  return registry.hooks.filter((h) => h.name === name).map((h) => h.callback);
}

export function setLogSink(sink: LogSink): void {
  registry.logSink = sink;
}
