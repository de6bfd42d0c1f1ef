// Reads the actions durable-functions' orchestrator handler returns, and compares them across replays.

export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

const actionTypeNames = Object.fromEntries(Object.entries(ActionType).map(([k, v]) => [v, k])) as Record<
  number,
  string
>;

export interface RetryOptionsWire {
  readonly firstRetryIntervalInMilliseconds: number;
  readonly maxNumberOfAttempts: number;
  readonly backoffCoefficient?: number;
  readonly maxRetryIntervalInMilliseconds?: number;
  readonly retryTimeoutInMilliseconds?: number;
}

export interface OrchestratorAction {
  readonly actionType: number;
  readonly functionName?: string;
  readonly input?: unknown;
  readonly instanceId?: string;
  readonly retryOptions?: RetryOptionsWire;
  readonly fireAt?: string;
  readonly isCanceled?: boolean;
  readonly externalEventName?: string;
  readonly compoundActions?: OrchestratorAction[];
}

/** What must stay the same for an action across replays (the extension checks type and name). */
export interface ActionSignature {
  readonly type: number;
  readonly name?: string;
}

/** Compound WhenAny / WhenAll actions carry their children; the children are the real work. */
export function flattenActions(actions: readonly OrchestratorAction[]): OrchestratorAction[] {
  const flat: OrchestratorAction[] = [];
  for (const action of actions) {
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      flat.push(...flattenActions(action.compoundActions ?? []));
    } else {
      flat.push(action);
    }
  }
  return flat;
}

export function signatureOf(action: OrchestratorAction): ActionSignature {
  const name = action.functionName ?? action.externalEventName;
  return name === undefined ? { type: action.actionType } : { type: action.actionType, name };
}

export function describeSignature(signature: ActionSignature): string {
  const type = actionTypeNames[signature.type] ?? `action type ${signature.type}`;
  return signature.name === undefined ? type : `${type} '${signature.name}'`;
}

export function sameSignature(a: ActionSignature, b: ActionSignature): boolean {
  return a.type === b.type && a.name === b.name;
}

/** Whether the action takes a task id from the instance's sequence (external events are matched by name). */
export function consumesSequenceNumber(action: OrchestratorAction): boolean {
  return (
    action.actionType !== ActionType.WaitForExternalEvent && action.actionType !== ActionType.ContinueAsNew
  );
}

/** The library JSON-encodes string inputs of activities and continue-as-new once more; undo that. */
export function decodeActionInput(action: OrchestratorAction): unknown {
  if (
    typeof action.input === 'string' &&
    action.actionType !== ActionType.CallSubOrchestrator &&
    action.actionType !== ActionType.CallSubOrchestratorWithRetry
  ) {
    return JSON.parse(action.input) as unknown;
  }
  return action.input;
}
