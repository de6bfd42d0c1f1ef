// Replay time of a finished runbook: copies the runtime's data directory (the runtime has stopped) and runs
// replayRunbookHistory.ts on the copy in a fresh process, then summarises its runs. The first replay in that
// process is cold; the code keeps getting faster for about ten more (JIT tiers), so the warm figures are
// taken over the last half of the runs: what a runtime that has run the earlier episodes pays.
import { execFile } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/ChildServer';
import { distribution, type Distribution } from './distribution';
import { REPLAY_RESULT_MARKER, type ReplayResult } from './ReplayResult';

export interface ReplayFigures {
  readonly historyEvents: number;
  readonly replayedEvents: number;
  readonly episodes: number;
  readonly coldEpisodeMs: number;
  /** Over the warm runs (the last half); absent with a single run. */
  readonly warmEpisodeMs: Distribution | undefined;
  readonly warmInvokeMs: Distribution | undefined;
  readonly warmReadHistoryMs: Distribution | undefined;
}

export type ReplayOutcome =
  | { readonly kind: 'measured'; readonly figures: ReplayFigures }
  | { readonly kind: 'not-measured'; readonly why: string };

const REPLAY_SCRIPT = 'bench/runbook/replayRunbookHistory.ts';
const REPLAY_TIMEOUT_MS = 5 * 60_000;
const run = promisify(execFile);

export async function measureReplay(
  dataDir: string,
  instanceId: string,
  times: number,
): Promise<ReplayOutcome> {
  const copy = `${dataDir}-replay`;
  cpSync(dataDir, copy, { recursive: true });
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, REPLAY_SCRIPT)], {
      cwd: repoRoot,
      env: {
        ...process.env,
        REPLAY_DATA_DIR: copy,
        REPLAY_INSTANCE_ID: instanceId,
        REPLAY_TIMES: String(times),
      },
      timeout: REPLAY_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    return {
      kind: 'not-measured',
      why: `the replay process failed: ${stderr.trim().split('\n')[0] ?? String(err)}`,
    };
  }
  const line = stdout.split('\n').find((l) => l.startsWith(REPLAY_RESULT_MARKER));
  if (line === undefined) return { kind: 'not-measured', why: 'the replay process printed no result' };
  const result = JSON.parse(line.slice(REPLAY_RESULT_MARKER.length)) as ReplayResult;
  const failed = result.runs.findIndex((r) => !r.reproduced);
  if (failed >= 0) {
    return {
      kind: 'not-measured',
      why: `replay ${failed + 1} did not end as the original final episode did, so its time is not a replay's`,
    };
  }
  const cold = result.runs[0];
  if (cold === undefined) return { kind: 'not-measured', why: 'no replay ran' };
  const warm = result.runs.slice(1).slice(-Math.floor(result.runs.length / 2));
  const warmOf = (pick: (r: (typeof warm)[number]) => number) =>
    warm.length === 0 ? undefined : distribution(warm.map(pick));
  return {
    kind: 'measured',
    figures: {
      historyEvents: result.historyEvents,
      replayedEvents: result.replayedEvents,
      episodes: result.episodes,
      coldEpisodeMs: cold.episodeMs,
      warmEpisodeMs: warmOf((r) => r.episodeMs),
      warmInvokeMs: warmOf((r) => r.invokeMs),
      warmReadHistoryMs: warmOf((r) => r.readHistoryMs),
    },
  };
}
