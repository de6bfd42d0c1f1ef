// `npm run bench:runbook`: the runbook engine's overhead per step. A runbook of N no-op http steps runs on the
// built local runtime (a child process, fresh data per N) against a bare target in this process, beside a
// baseline of the same calls made directly with fetch; then the runbook's final episode is replayed to time
// a replay of its last execution's whole history. Figures only: nothing here asserts timing. See
// docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixed } from '../support/report';
import { measureBaseline, type BaselineFigures } from './measureBaseline';
import { engineRunFigures, runIncidentToRecovery, type EngineRunFigures } from './measureEngineRun';
import { measureReplay } from './measureReplay';
import { runbookReport, type RunbookRow } from './runbookReport';
import { RunbookRuntime, type RuntimeKeys } from './RunbookRuntime';
import { readRunbookSettings, type RunbookBenchSettings } from './settings';
import { StepTarget } from './StepTarget';
import { writeBenchCatalog } from './writeBenchCatalog';
import { measure, runBenchMain, writeFiguresJson } from '../support/benchMain';
import { stopOnSignals } from '../support/stopOnSignals';

/** Baseline calls made before the measured ones (connection set-up, JIT), as the warm-up runbook does. */
const BASELINE_WARMUP_CALLS = 20;

const measuredWorkload = (steps: number) => `steps-${steps}`;
const warmupWorkload = (steps: number) => `warmup-${steps}`;

class RunbookBench {
  readonly target = new StepTarget();
  readonly keys: RuntimeKeys = {
    functionKey: `bench-${randomBytes(16).toString('hex')}`,
    operatorKey: `bench-operator-${randomBytes(16).toString('hex')}`,
  };
  readonly runtimes: RunbookRuntime[] = [];
  readonly rows: RunbookRow[] = [];
  baseline?: BaselineFigures;
  catalogDir?: string;

  constructor(
    readonly settings: RunbookBenchSettings,
    readonly workDir: string,
  ) {}

  async run(): Promise<void> {
    const { settings } = this;
    const targetUrl = await this.target.start();
    console.log(`  target at ${targetUrl}`);
    this.catalogDir = writeBenchCatalog(targetUrl, [
      ...settings.steps.map((steps) => ({ workloadId: measuredWorkload(steps), steps })),
      ...(settings.warmupSteps > 0
        ? settings.steps.map((steps) => ({ workloadId: warmupWorkload(steps), steps: settings.warmupSteps }))
        : []),
    ]);

    const calls = Math.max(...settings.steps);
    console.log(
      `\nBaseline: ${calls} sequential POSTs with fetch (after ${BASELINE_WARMUP_CALLS} warm-up calls)`,
    );
    const baseline = await measureBaseline(this.target, calls, BASELINE_WARMUP_CALLS);
    this.baseline = baseline;
    console.log(
      `  call p50 ${fixed(baseline.callMs.median, 2)} ms, p99 ${fixed(baseline.callMs.p99, 2)} ms; ` +
        `gap between arrivals p50 ${fixed(baseline.gapMs.median, 2)} ms, p99 ${fixed(baseline.gapMs.p99, 2)} ms`,
    );

    for (const steps of settings.steps) {
      console.log(`\nRunbook of ${steps} steps, on a fresh runtime`);
      const engine = await this.engineRun(steps, baseline.callMs.median);
      console.log(
        `  gap p50 ${fixed(engine.gapMs.median, 2)} ms, p99 ${fixed(engine.gapMs.p99, 2)} ms; ` +
          `overhead p50 ${fixed(engine.overheadMs.median, 2)} ms, p99 ${fixed(engine.overheadMs.p99, 2)} ms; ` +
          `approval to last call ${fixed(engine.approvalToLastCallMs / 1000, 2)} s`,
      );
      const runtime = this.runtimes.at(-1);
      if (!runtime) throw new Error('Internal error: no runtime for the run');
      await runtime.stop();
      console.log(`  replaying ${engine.runbookInstanceId}'s final episode ${settings.replays} times…`);
      const replay = await measureReplay(runtime.dataDir, engine.runbookInstanceId, settings.replays);
      console.log(
        replay.kind === 'measured'
          ? `  ${replay.figures.historyEvents} history events: cold ${fixed(replay.figures.coldEpisodeMs, 2)} ms, ` +
              `warm p50 ${fixed(replay.figures.warmEpisodeMs?.median, 2)} ms`
          : `  replay not measured: ${replay.why}`,
      );
      this.rows.push({ engine, replay });
    }
  }

  private async engineRun(steps: number, baselineCallMedianMs: number): Promise<EngineRunFigures> {
    const { settings } = this;
    const timeoutMs = settings.timeoutSeconds * 1000;
    const runtime = await RunbookRuntime.start({
      name: `runtime-${steps}`,
      workDir: this.workDir,
      catalogDir: this.catalogDir ?? '',
      keys: this.keys,
      nodeArgs: settings.runtimeNodeArgs,
    });
    this.runtimes.push(runtime);
    console.log(`  runtime (pid ${runtime.child.pid}) at ${runtime.child.url}`);
    if (settings.warmupSteps > 0) {
      await runIncidentToRecovery(
        runtime,
        this.target,
        warmupWorkload(steps),
        settings.warmupSteps,
        timeoutMs,
      );
      console.log(`  warm-up runbook of ${settings.warmupSteps} steps recovered`);
    }
    const run = await runIncidentToRecovery(runtime, this.target, measuredWorkload(steps), steps, timeoutMs);
    return engineRunFigures(run, baselineCallMedianMs);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.runtimes.map((runtime) => runtime.stop()));
    await this.target.stop();
  }

  json(): unknown {
    return {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim(),
      node: process.version,
      settings: this.settings,
      baseline: this.baseline,
      runbooks: this.rows,
    };
  }
}

async function main(): Promise<void> {
  const settings = readRunbookSettings();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-runbook-'));
  const bench = new RunbookBench(settings, workDir);
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= bench.stopAll().finally(() => {
      if (settings.keepDir) {
        console.log(`Kept ${workDir} (logs, data) and the catalog ${bench.catalogDir ?? ''}.`);
        return;
      }
      rmSync(workDir, { recursive: true, force: true });
      if (bench.catalogDir !== undefined) rmSync(bench.catalogDir, { recursive: true, force: true });
    }));
  const signals = stopOnSignals('the runtime', cleanup);

  console.log(
    `Runbook bench: ${os.cpus().length} CPUs, Node ${process.version}; work directory ${workDir}\n` +
      `  runbooks of ${settings.steps.join(', ')} steps; warm-up runbook ${settings.warmupSteps} steps; ` +
      `${settings.replays} replays each`,
  );
  const measured = await measure(() => bench.run(), {
    interrupted: () => signals.interrupted(),
    children: () => bench.runtimes.map((runtime) => runtime.child),
    cleanup,
  });
  if (!measured) return;
  if (!bench.baseline) throw new Error('Internal error: the bench ended without a baseline');
  console.log(`\n${runbookReport(bench.baseline, bench.rows)}`);
  writeFiguresJson(settings.jsonOut, bench.json());
}

runBenchMain(main);
