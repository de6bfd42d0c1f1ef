// The runbook bench's summary: the machine, the baseline, one row per runbook length, the replay of each
// runbook's final episode, and the targets with PASS or MISS. Figures only; nothing here is a gate.
import os from 'node:os';
import { fixed, ratio, table } from '../support/report';
import type { Distribution } from './distribution';
import type { EngineRunFigures } from './measureEngineRun';
import type { BaselineFigures } from './measureBaseline';
import type { ReplayOutcome } from './measureReplay';

/** The target: the engine adds at most this much per step, at the median. */
export const TARGET_MEDIAN_OVERHEAD_MS = 5;
/**
 * "Growing linearly with the number of steps": the total grows linearly when the per-step cost stays flat.
 * Flat here means within this factor (longest runbook against shortest, end of a run against its start),
 * which leaves room for a noisy machine.
 */
export const FLAT_OVERHEAD_RATIO = 1.25;

export interface RunbookRow {
  readonly engine: EngineRunFigures;
  readonly replay: ReplayOutcome;
}

export function runbookReport(baseline: BaselineFigures, rows: readonly RunbookRow[]): string {
  const cpus = os.cpus();
  const lines = [
    `Lifeboat runbook bench, ${new Date().toISOString()}: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? '?'}), ` +
      `Node ${process.version}, ${os.platform()} ${os.arch()}`,
    '',
    `Baseline: ${baseline.calls} sequential POSTs to the target with fetch from the bench process, ms`,
    table([
      ['figure', 'median', 'p99', 'max'],
      ['call (fetch to body read)', ...cells(baseline.callMs)],
      ['gap between arrivals', ...cells(baseline.gapMs)],
    ]),
    '',
    'Runbooks of no-op http steps, one fresh runtime each; ms between consecutive step calls at the target',
    table([
      [
        'steps',
        'gap p50',
        'gap p99',
        'overhead p50',
        'overhead p99',
        'gap/base gap',
        'first 1/4 p50',
        'last 1/4 p50',
        'wall/step',
        'others cpu',
      ],
      ...rows.map(({ engine }) => [
        String(engine.steps),
        fixed(engine.gapMs.median, 2),
        fixed(engine.gapMs.p99, 2),
        fixed(engine.overheadMs.median, 2),
        fixed(engine.overheadMs.p99, 2),
        `${fixed(ratio(engine.gapMs.median, baseline.gapMs.median), 1)}x`,
        fixed(engine.firstQuarterGapMs, 2),
        fixed(engine.lastQuarterGapMs, 2),
        fixed(engine.wallMsPerStep, 2),
        fixed(engine.cpu?.others, 2),
      ]),
    ]),
    `overhead: each gap minus the baseline's median call (${fixed(baseline.callMs.median, 2)} ms). ` +
      'first/last 1/4: median gap over the',
    "runbook's first and last quarter. wall/step: first step's start to last step's end on the incident, per",
    'step. others cpu: cores used by other processes while the steps ran; above ~0.2 the row is suspect.',
    '',
    "Replay of each runbook's final episode (its execution's whole history) through OrchestrationEngine.runEpisode,",
    'on a copy of the data, in a fresh process; ms',
    table([
      [
        'steps',
        'history events',
        'episodes',
        'cold episode',
        'episode p50',
        'replay p50',
        'read history p50',
      ],
      ...rows.map(({ engine, replay }) =>
        replay.kind === 'measured'
          ? [
              String(engine.steps),
              String(replay.figures.historyEvents),
              String(replay.figures.episodes),
              fixed(replay.figures.coldEpisodeMs, 2),
              fixed(replay.figures.warmEpisodeMs?.median, 2),
              fixed(replay.figures.warmInvokeMs?.median, 2),
              fixed(replay.figures.warmReadHistoryMs?.median, 2),
            ]
          : [String(engine.steps), 'not measured', '', '', '', '', ''],
      ),
    ]),
    'episode: the whole runEpisode (read instance and history, replay, commit); replay: the orchestrator call',
    'inside it; p50 over the last half of the replays, once the code has warmed up.',
  ];
  for (const { engine, replay } of rows) {
    if (replay.kind === 'not-measured')
      lines.push(`Replay at ${engine.steps} steps not measured: ${replay.why}`);
  }

  const targets: string[][] = [['target', 'figure', 'verdict']];
  for (const { engine } of rows) {
    targets.push([
      `median engine overhead per step <= ${TARGET_MEDIAN_OVERHEAD_MS} ms, ${engine.steps} steps`,
      `${fixed(engine.overheadMs.median, 2)} ms`,
      verdict(engine.overheadMs.median <= TARGET_MEDIAN_OVERHEAD_MS),
    ]);
  }
  const shortest = rows[0]?.engine;
  const longest = rows.at(-1)?.engine;
  if (shortest && longest && longest.steps > shortest.steps) {
    const across = `${longest.steps} steps / ${shortest.steps} steps`;
    targets.push(
      growthRow(
        `linear: overhead p50, ${across}`,
        ratio(longest.overheadMs.median, shortest.overheadMs.median),
      ),
      growthRow(
        `linear: wall time per step, ${across}`,
        ratio(longest.wallMsPerStep, shortest.wallMsPerStep),
      ),
    );
  }
  if (longest) {
    targets.push(
      growthRow(
        `linear: gap p50, last / first quarter of ${longest.steps} steps`,
        ratio(longest.lastQuarterGapMs, longest.firstQuarterGapMs),
      ),
    );
  }
  lines.push(
    '',
    'Targets',
    table(targets),
    `linear: the per-step figures stay flat (within ${FLAT_OVERHEAD_RATIO}x) as runbooks and their histories grow, so`,
    "the total time is linear in the steps. A run's median sits at its middle step, so ratios across runbook",
    'lengths understate growth with history; the last line compares one run with itself.',
  );
  return lines.join('\n');
}

function growthRow(label: string, growth: number): string[] {
  return [
    `${label} <= ${FLAT_OVERHEAD_RATIO}`,
    `${fixed(growth, 2)}x`,
    verdict(growth <= FLAT_OVERHEAD_RATIO),
  ];
}

function cells(d: Distribution): string[] {
  return [fixed(d.median, 2), fixed(d.p99, 2), fixed(d.max, 2)];
}

function verdict(met: boolean): string {
  return met ? 'PASS' : 'MISS';
}
