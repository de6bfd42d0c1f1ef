// History events in the shape durable-functions' replay engine reads (PascalCase, numeric EventType).
import { parentTraceContextField, type RpcTraceContext } from '../host/traceContext';

export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionTerminated: 2,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventRaised: 15,
  ContinueAsNew: 16,
  ExecutionSuspended: 17,
  ExecutionResumed: 18,
} as const;

export interface HistoryEvent {
  readonly EventType: number;
  readonly EventId: number;
  readonly IsPlayed: boolean;
  readonly Timestamp: string;
  readonly [field: string]: unknown;
}

function event(type: number, at: number, fields: Record<string, unknown> = {}, eventId = -1): HistoryEvent {
  return {
    EventType: type,
    EventId: eventId,
    IsPlayed: false,
    Timestamp: new Date(at).toISOString(),
    ...fields,
  };
}

/** JSON text as the extension stores it; `undefined` becomes `null`. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

export const historyEvent = {
  /** `parent`: the trace the instance continues (DurableTask's ParentTraceContext). */
  executionStarted: (at: number, name: string, input: unknown, parent?: RpcTraceContext) =>
    event(EventType.ExecutionStarted, at, {
      Name: name,
      Input: toJsonText(input),
      ...parentTraceContextField(parent),
    }),
  executionCompleted: (at: number, status: string, result: unknown) =>
    event(EventType.ExecutionCompleted, at, { OrchestrationStatus: status, Result: toJsonText(result) }),
  executionTerminated: (at: number, reason: string) =>
    event(EventType.ExecutionTerminated, at, { Input: toJsonText(reason) }),
  orchestratorStarted: (at: number) => event(EventType.OrchestratorStarted, at),
  orchestratorCompleted: (at: number) => event(EventType.OrchestratorCompleted, at),
  taskScheduled: (at: number, id: number, name: string, input: unknown) =>
    event(EventType.TaskScheduled, at, { Name: name, Input: toJsonText(input) }, id),
  taskCompleted: (at: number, id: number, result: unknown) =>
    event(EventType.TaskCompleted, at, { TaskScheduledId: id, Result: toJsonText(result) }),
  taskFailed: (at: number, id: number, reason: string, details: string) =>
    event(EventType.TaskFailed, at, { TaskScheduledId: id, Reason: reason, Details: details }),
  subOrchestrationCreated: (at: number, id: number, name: string, instanceId: string, input: unknown) =>
    event(
      EventType.SubOrchestrationInstanceCreated,
      at,
      { Name: name, InstanceId: instanceId, Input: toJsonText(input) },
      id,
    ),
  subOrchestrationCompleted: (at: number, id: number, result: unknown) =>
    event(EventType.SubOrchestrationInstanceCompleted, at, {
      TaskScheduledId: id,
      Result: toJsonText(result),
    }),
  subOrchestrationFailed: (at: number, id: number, reason: string, details: string) =>
    event(EventType.SubOrchestrationInstanceFailed, at, {
      TaskScheduledId: id,
      Reason: reason,
      Details: details,
    }),
  timerCreated: (at: number, id: number, fireAt: string) =>
    event(EventType.TimerCreated, at, { FireAt: fireAt }, id),
  timerFired: (at: number, id: number, fireAt: string) =>
    event(EventType.TimerFired, at, { TimerId: id, FireAt: fireAt }),
  eventRaised: (at: number, name: string, input: unknown) =>
    event(EventType.EventRaised, at, { Name: name, Input: toJsonText(input) }),
  executionSuspended: (at: number, reason: string) =>
    event(EventType.ExecutionSuspended, at, { Reason: reason }),
  executionResumed: (at: number, reason: string) => event(EventType.ExecutionResumed, at, { Reason: reason }),
};
