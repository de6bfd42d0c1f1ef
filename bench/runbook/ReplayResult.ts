// What replayRunbookHistory.ts (a child process) reports back to the bench: one line on stdout, after a marker.

export interface ReplayRun {
  /** OrchestrationEngine.runEpisode: read the instance and its history, replay, commit. */
  readonly episodeMs: number;
  /** The orchestrator invocation inside it: the replay proper. */
  readonly invokeMs: number;
  /** DurableStore.getHistory alone, read after the episode (the episode reads it too). */
  readonly readHistoryMs: number;
  /** The replay ended as the original final episode did. */
  readonly reproduced: boolean;
}

export interface ReplayResult {
  readonly instanceId: string;
  /** Events in the instance's stored history. */
  readonly historyEvents: number;
  /** Events the final episode hands the orchestrator (the history before it, plus its new events). */
  readonly replayedEvents: number;
  readonly episodes: number;
  readonly runs: readonly ReplayRun[];
}

export const REPLAY_RESULT_MARKER = 'REPLAY_RESULT ';
