// Runs one activity work item through its registered function and reports the outcome in the shape the
// Durable extension records (Reason / Details).
import type { FunctionCatalog, RegisteredFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import type { RpcTraceContext } from '../host/traceContext';
import { fromTypedData } from '../host/typedData';
import type { RpcInvocationResponse } from '../functionsCore/functionsCoreModule';
import type { WorkItem } from './DurableStore';

export type ActivityOutcome = { ok: true; result: unknown } | { ok: false; reason: string; details: string };

export async function runActivity(
  item: WorkItem,
  catalog: FunctionCatalog,
  invoke: (fn: RegisteredFunction, request: InvocationRequest) => Promise<RpcInvocationResponse>,
  /** Test mode: run it twice, as at-least-once delivery may; the second result is the one recorded. */
  runTwice: boolean,
  /** Bindings besides the trigger (a durableClient input), as the host fills them. */
  extraInputs: (fn: RegisteredFunction) => InvocationRequest['inputData'] = () => [],
  /** The trace the activity's orchestration continues (the host passes Durable's activity span). */
  traceContext?: RpcTraceContext,
): Promise<ActivityOutcome> {
  const fn = catalog.activity(item.name);
  if (!fn) {
    return { ok: false, reason: `Activity function '${item.name}' is not registered.`, details: '' };
  }
  const request: InvocationRequest = {
    inputData: [
      { name: fn.triggerName, data: { json: JSON.stringify(item.input ?? null) } },
      ...extraInputs(fn),
    ],
    ...(traceContext ? { traceContext } : {}),
  };
  let outcome = await runOnce(fn, request, invoke);
  if (runTwice) {
    outcome = await runOnce(fn, request, invoke);
  }
  return outcome;
}

async function runOnce(
  fn: RegisteredFunction,
  request: InvocationRequest,
  invoke: (fn: RegisteredFunction, request: InvocationRequest) => Promise<RpcInvocationResponse>,
): Promise<ActivityOutcome> {
  try {
    const response = await invoke(fn, request);
    return { ok: true, result: fromTypedData(response.returnValue) };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return {
      ok: false,
      reason: `Activity function '${fn.name}' failed: ${error.message}`,
      details: error.stack ?? error.message,
    };
  }
}
