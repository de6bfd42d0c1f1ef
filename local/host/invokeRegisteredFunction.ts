// Invokes one captured function the way the Functions worker does: through the app's own programming
// model (getArguments → preInvocation hooks → invokeFunction → postInvocation hooks → getResponse).
import { randomUUID } from 'node:crypto';
import { ensureErrorType } from '../../shared/errors';
import {
  capturedHooks,
  getProgrammingModel,
  type CapturedFunction,
  type CoreInvocationContext,
  type RpcInvocationResponse,
  type RpcLogCategory,
  type RpcLogLevel,
  type RpcTypedData,
} from '../functionsCore/functionsCoreModule';
import type { RpcTraceContext } from './traceContext';

export interface InvocationRequest {
  readonly inputData: { name: string; data: RpcTypedData }[];
  readonly triggerMetadata?: Record<string, RpcTypedData>;
  /** The invocation's parent span (InvocationContext.traceContext), as the host passes it. */
  readonly traceContext?: RpcTraceContext;
}

export type FunctionLogSink = (
  functionName: string,
  level: RpcLogLevel,
  category: RpcLogCategory,
  message: string,
) => void;

export async function invokeRegisteredFunction(
  fn: CapturedFunction,
  request: InvocationRequest,
  logSink: FunctionLogSink,
  appHookData: Record<string, unknown>,
): Promise<RpcInvocationResponse> {
  const model = getProgrammingModel();
  if (!model) {
    throw new Error('The app registered functions without a programming model; is @azure/functions loaded?');
  }
  const invocationId = randomUUID();
  const coreContext: CoreInvocationContext = {
    invocationId,
    request: { invocationId, functionId: fn.metadata.name, ...request },
    metadata: { name: fn.metadata.name, bindings: fn.metadata.bindings },
    log: (level, category, message) => logSink(fn.metadata.name, level, category, message),
  };
  const invocationModel = await model.getInvocationModel(coreContext);
  const { context, inputs } = await invocationModel.getArguments();
  const hookData: Record<string, unknown> = {};

  coreContext.state = 'preInvocationHooks';
  const pre = { hookData, appHookData, invocationContext: context, inputs, functionCallback: fn.callback };
  for (const hook of capturedHooks('preInvocation')) {
    await hook(pre);
  }

  coreContext.state = 'invocation';
  let result: unknown = null;
  let error: unknown = null;
  try {
    result = await invocationModel.invokeFunction(context, pre.inputs, pre.functionCallback);
  } catch (err) {
    error = err;
  }

  coreContext.state = 'postInvocationHooks';
  const post = { hookData, appHookData, invocationContext: context, inputs: pre.inputs, result, error };
  for (const hook of capturedHooks('postInvocation')) {
    await hook(post);
  }
  coreContext.state = undefined;
  if (post.error !== null && post.error !== undefined) {
    throw ensureErrorType(post.error);
  }
  return invocationModel.getResponse(context, post.result);
}
