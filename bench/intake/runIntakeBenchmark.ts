// `npm run bench:intake`: the alert intake (POST /api/alerts on the local runtime, in a child process) beside
// a bare Node http server (the baseline, also a child), at fixed offered loads and flat out, then an alert
// storm. Figures only: nothing here asserts timing. Settings: bench/intake/settings.ts, docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChildServer } from '../support/ChildServer';
import { fixed, percent, ratio, table } from '../support/report';
import { acceptedFingerprint, alertBody, distinctBodies, stormOrder } from './alertBodies';
import { runLoad, type LoadResult } from './loadRun';
import { RecordedAlerts } from './RecordedAlerts';
import { readSettings, type BenchSettings } from './settings';
import { measure, runBenchMain, writeFiguresJson } from '../support/benchMain';
import { stopOnSignals } from '../support/stopOnSignals';

const TARGET_THROUGHPUT_RATIO = 0.5;
const TARGET_P99_RATE = 500;
const TARGET_P99_MS = 20;
const TARGET_STORM_SECONDS = 10;

interface IntakeRun {
  readonly result: LoadResult;
  /** Seconds from the end of the run until the correlator had recorded every alert it accepted. */
  readonly drainSeconds: number | undefined;
}

interface LoadPair {
  readonly label: string;
  readonly offered: number | undefined;
  readonly baseline: LoadResult;
  readonly intake: IntakeRun;
}

interface StormFigures {
  readonly alerts: number;
  readonly requests: number;
  readonly result: LoadResult;
  readonly distinctAccepted: number;
  readonly postingSeconds: number;
  /** From the first request until every accepted alert was recorded; undefined after the timeout. */
  readonly allRecordedSeconds: number | undefined;
  readonly recordedAtEnd: number;
  readonly deadLetters: number;
}

class Bench {
  readonly key = `bench-${randomBytes(16).toString('hex')}`;
  readonly children: ChildServer[] = [];
  readonly pairs: LoadPair[] = [];
  storm?: StormFigures;

  constructor(
    readonly settings: BenchSettings,
    readonly workDir: string,
  ) {}

  startBaseline(): Promise<ChildServer> {
    return this.startChild(
      new ChildServer({
        name: 'baseline',
        script: 'bench/support/baselineServer.ts',
        env: {},
        logFile: path.join(this.workDir, 'baseline.log'),
        ready: /listening on (http:\/\/[\d.]+:\d+)/,
      }),
    );
  }

  /** The real app on the local runtime as `npm start` runs it (built), on its own fresh data directory. */
  startRuntime(name: string): Promise<ChildServer> {
    const dataDir = path.join(this.workDir, name);
    mkdirSync(dataDir);
    return this.startChild(
      new ChildServer({
        name,
        script: 'dist/local/start.js',
        env: {
          LIFEBOAT_PORT: '0',
          LIFEBOAT_DATA_DIR: dataDir,
          LIFEBOAT_FUNCTION_KEY: this.key,
          // The demo app is not what is measured, and its fixed ports would clash between runs.
          LIFEBOAT_DEMO_APP: 'false',
        },
        nodeArgs: this.settings.runtimeNodeArgs,
        // Whatever the shell has set must not point the runtime at Cosmos DB, Service Bus or another key.
        dropEnv: (env) => env.startsWith('LIFEBOAT_') || env.startsWith('ServiceBusConnection'),
        logFile: path.join(this.workDir, `${name}.log`),
        ready: /listening on (http:\/\/[\d.]+:\d+)[\s\S]*health:/,
      }),
    );
  }

  private async startChild(child: ChildServer): Promise<ChildServer> {
    this.children.push(child);
    const url = await child.start();
    console.log(`  ${child.options.name} (pid ${child.pid}) at ${url}`);
    return child;
  }

  pids(): (number | undefined)[] {
    return this.children.map((child) => child.pid);
  }

  intakeUrl(runtime: ChildServer): string {
    return `${runtime.url}/api/alerts?code=${encodeURIComponent(this.key)}`;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
  }

  /** An intake run, then the wait for the correlator to record every alert the run got a 202 for. */
  async intakeRun(
    runtime: ChildServer,
    recorded: RecordedAlerts,
    title: string,
    prefix: string,
    overallRate: number | undefined,
    seconds: number,
  ): Promise<IntakeRun> {
    const result = await runLoad({
      title,
      url: this.intakeUrl(runtime),
      serverPids: this.pids(),
      connections: this.settings.connections,
      seconds,
      ...(overallRate !== undefined ? { overallRate } : {}),
      body: distinctBodies(prefix),
    });
    const ended = performance.now();
    const drained = await recorded.waitFor(`${prefix}-`, () => result.ok, {
      since: ended,
      timeoutMs: this.settings.drainTimeoutSeconds * 1000,
      intervalMs: this.settings.pollMs,
    });
    if (drained === undefined) {
      console.log(
        `    ! the correlator had not caught up after ${this.settings.drainTimeoutSeconds} s ` +
          `(${recorded.count(`${prefix}-`)}/${result.ok}); its backlog runs into the next run`,
      );
    }
    return { result, drainSeconds: drained === undefined ? undefined : drained / 1000 };
  }

  baselineRun(baseline: ChildServer, title: string, overallRate: number | undefined): Promise<LoadResult> {
    return runLoad({
      title,
      url: `${baseline.url}/api/alerts`,
      serverPids: this.pids(),
      connections: this.settings.connections,
      seconds: this.settings.seconds,
      ...(overallRate !== undefined ? { overallRate } : {}),
      body: distinctBodies('baseline'),
    });
  }

  async loadsAndMax(): Promise<void> {
    const { settings } = this;
    console.log('\nStarting the baseline server and the runtime…');
    const [baseline, runtime] = await Promise.all([this.startBaseline(), this.startRuntime('runtime-loads')]);
    const recorded = new RecordedAlerts(runtime.url, this.key);

    if (settings.warmupSeconds > 0) {
      console.log(`Warming up both for ${settings.warmupSeconds} s each…`);
      await runLoad({
        title: 'warm-up',
        url: `${baseline.url}/api/alerts`,
        serverPids: this.pids(),
        connections: settings.connections,
        seconds: settings.warmupSeconds,
        body: distinctBodies('warm'),
      });
      await this.intakeRun(runtime, recorded, 'warm-up', 'warm', undefined, settings.warmupSeconds);
    }

    const loads: { label: string; prefix: string; rate: number | undefined }[] = [];
    if (settings.phases.has('loads')) {
      for (const rate of settings.rates) loads.push({ label: `${rate}/s`, prefix: `load${rate}`, rate });
    }
    if (settings.phases.has('max')) loads.push({ label: 'max', prefix: 'max', rate: undefined });
    for (const { label, prefix, rate } of loads) {
      console.log(
        `\n${rate === undefined ? 'Max throughput' : `Offered load ${rate} req/s`}: ` +
          `${settings.seconds} s, ${settings.connections} connections, baseline then intake`,
      );
      const base = await this.baselineRun(baseline, `baseline ${label}`, rate);
      printRun('baseline', base);
      const intake = await this.intakeRun(
        runtime,
        recorded,
        `intake ${label}`,
        prefix,
        rate,
        settings.seconds,
      );
      printRun('intake', intake.result, intake.drainSeconds);
      this.pairs.push({ label, offered: rate, baseline: base, intake });
    }
    await Promise.all([baseline.stop(), runtime.stop()]);
  }

  async alertStorm(): Promise<void> {
    const { settings } = this;
    const alerts = settings.stormAlerts;
    const requests = alerts * settings.stormRepeats;
    console.log(
      `\nAlert storm: ${alerts} distinct alerts × ${settings.stormRepeats} = ${requests} requests, shuffled, ` +
        `${settings.stormConnections} connections, on a fresh runtime`,
    );
    const runtime = await this.startRuntime('runtime-storm');
    const recorded = new RecordedAlerts(runtime.url, this.key);
    if (settings.warmupSeconds > 0) {
      await this.intakeRun(runtime, recorded, 'warm-up', 'warm', undefined, settings.warmupSeconds);
    }

    const order = stormOrder(alerts, settings.stormRepeats);
    let cursor = 0;
    const accepted = new Set<string>();
    let postingSeconds: number | undefined;
    const started = performance.now();
    const posting = runLoad({
      title: 'storm',
      url: this.intakeUrl(runtime),
      serverPids: this.pids(),
      connections: settings.stormConnections,
      amount: requests,
      body: () => alertBody(`storm-${order[cursor++ % order.length]}`),
      onAccepted: (body) => {
        const fingerprint = acceptedFingerprint(body);
        if (fingerprint !== undefined) accepted.add(fingerprint);
      },
    }).then((result) => {
      postingSeconds = (performance.now() - started) / 1000;
      console.log(`  posting done after ${postingSeconds.toFixed(1)} s`);
      return result;
    });
    let lastReport = 0;
    const recordedMs = await recorded.waitFor(
      'storm-',
      // Until the last request is answered, all of them; then whatever got a 202 at least once.
      () => (postingSeconds === undefined ? alerts : accepted.size),
      {
        since: started,
        timeoutMs: settings.stormTimeoutSeconds * 1000,
        intervalMs: settings.pollMs,
        onPoll: (count) => {
          const elapsed = (performance.now() - started) / 1000;
          if (elapsed - lastReport >= 10) {
            lastReport = elapsed;
            console.log(`  ${elapsed.toFixed(1)} s: ${count}/${alerts} recorded`);
          }
        },
      },
    );
    const result = await posting;
    printRun('storm', result);
    const recordedAtEnd = await recorded.fullCount('storm-');
    const deadLetters = await countDeadLetters(runtime.url, this.key);
    this.storm = {
      alerts,
      requests,
      result,
      distinctAccepted: accepted.size,
      postingSeconds: postingSeconds ?? Number.NaN,
      allRecordedSeconds: recordedMs === undefined ? undefined : recordedMs / 1000,
      recordedAtEnd,
      deadLetters,
    };
    await runtime.stop();
  }

  report(): string {
    const lines: string[] = [];
    const { settings } = this;
    const cpus = os.cpus();
    lines.push(
      `Lifeboat intake bench, ${new Date().toISOString()}: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? '?'}), ` +
        `Node ${process.version}, ${os.platform()} ${os.arch()}`,
    );
    if (this.pairs.length > 0) {
      lines.push(
        '',
        `Fixed loads and max throughput: ${settings.seconds} s per run, ${settings.connections} connections, ` +
          'latency in ms over 2xx responses',
        table([
          [
            'load',
            'base req/s',
            'base p50',
            'base p99',
            'intake req/s',
            'intake p50',
            'intake p99',
            'intake/base',
            'intake failed',
            'drain s',
            'others cpu',
          ],
          ...this.pairs.map(({ label, baseline, intake }) => [
            label,
            fixed(baseline.achievedPerSecond, 0),
            fixed(baseline.p50, 2),
            fixed(baseline.p99, 2),
            fixed(intake.result.achievedPerSecond, 0),
            fixed(intake.result.p50, 2),
            fixed(intake.result.p99, 2),
            percent(ratio(intake.result.achievedPerSecond, baseline.achievedPerSecond)),
            String(intake.result.non2xx + intake.result.errors + intake.result.timeouts),
            fixed(intake.drainSeconds, 1),
            fixed(Math.max(baseline.cpu?.others ?? Number.NaN, intake.result.cpu?.others ?? Number.NaN), 2),
          ]),
        ]),
        'intake failed: non-2xx responses, connection errors and timeouts.',
        'drain s: from the end of the intake run until the correlator had recorded every accepted alert.',
        'others cpu: cores used by processes outside the bench during the two runs (the larger); a row with',
        'more than ~0.2 ran on a busy machine and its figures are suspect.',
      );
    }
    const targets: string[][] = [['target', 'figure', 'verdict']];
    const max = this.pairs.find((p) => p.offered === undefined);
    if (max) {
      const r = ratio(max.intake.result.achievedPerSecond, max.baseline.achievedPerSecond);
      targets.push([
        `intake max throughput >= ${percent(TARGET_THROUGHPUT_RATIO)} of the baseline's`,
        percent(r),
        verdict(r >= TARGET_THROUGHPUT_RATIO),
      ]);
    }
    const at500 = this.pairs.find((p) => p.offered === TARGET_P99_RATE);
    if (at500) {
      const p99 = at500.intake.result.p99;
      targets.push([
        `intake p99 <= ${TARGET_P99_MS} ms at ${TARGET_P99_RATE} alerts/s`,
        `${fixed(p99, 2)} ms`,
        verdict(p99 <= TARGET_P99_MS),
      ]);
    }
    const storm = this.storm;
    if (storm) {
      const s = storm.result;
      const codes = Object.entries(s.statusCodes)
        .filter(([code]) => code !== '202')
        .map(([code, n]) => `${n}×${code}`)
        .join(', ');
      lines.push(
        '',
        `Alert storm: ${storm.alerts} distinct alerts, ${storm.requests} requests, ${settings.stormConnections} connections`,
        table([
          ['figure', 'value'],
          ['requests answered', String(s.responses)],
          ['non-202 responses', `${s.responses - (s.statusCodes['202'] ?? 0)}${codes ? ` (${codes})` : ''}`],
          ['connection errors / timeouts', `${s.errors} / ${s.timeouts}`],
          ['posting time', `${fixed(storm.postingSeconds, 1)} s`],
          ['posting rate (2xx)', `${fixed(s.achievedPerSecond, 0)} req/s`],
          ['request p50 / p99', `${fixed(s.p50, 1)} / ${fixed(s.p99, 1)} ms`],
          ['distinct alerts accepted', String(storm.distinctAccepted)],
          [
            'first request -> all recorded',
            storm.allRecordedSeconds === undefined
              ? `not within ${settings.stormTimeoutSeconds} s`
              : `${fixed(storm.allRecordedSeconds, 1)} s`,
          ],
          [
            'recorded after posting ended',
            storm.allRecordedSeconds === undefined
              ? '–'
              : `${fixed(Math.max(0, storm.allRecordedSeconds - storm.postingSeconds), 1)} s`,
          ],
          ['alerts recorded (full listing)', String(storm.recordedAtEnd)],
          ['dead letters', String(storm.deadLetters)],
          ['CPU used by other processes', `${fixed(s.cpu?.others, 2)} cores`],
        ]),
      );
      targets.push([
        `storm: ${storm.alerts} alerts recorded <= ${TARGET_STORM_SECONDS} s after the first request`,
        storm.allRecordedSeconds === undefined ? 'timeout' : `${fixed(storm.allRecordedSeconds, 1)} s`,
        verdict(storm.allRecordedSeconds !== undefined && storm.allRecordedSeconds <= TARGET_STORM_SECONDS),
      ]);
    }
    if (targets.length > 1) lines.push('', 'Targets', table(targets));
    return lines.join('\n');
  }

  json(): unknown {
    return {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim(),
      node: process.version,
      settings: { ...this.settings, phases: [...this.settings.phases] },
      loads: this.pairs,
      storm: this.storm,
    };
  }
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

function printRun(who: string, r: LoadResult, drainSeconds?: number): void {
  const problems = r.non2xx + r.errors + r.timeouts;
  console.log(
    `  ${who.padEnd(8)} ${fixed(r.achievedPerSecond, 0).padStart(6)} req/s  ` +
      `p50 ${fixed(r.p50, 2)} ms  p99 ${fixed(r.p99, 2)} ms  max ${fixed(r.max, 1)} ms  ` +
      `(autocannon p50/p99 ${r.autocannonP50}/${r.autocannonP99} ms)` +
      (problems > 0 ? `  non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}` : '') +
      (drainSeconds !== undefined ? `  correlator caught up ${drainSeconds.toFixed(1)} s after` : '') +
      (r.cpu ? `  [cpu: bench ${fixed(r.cpu.bench, 2)}, others ${fixed(r.cpu.others, 2)} cores]` : ''),
  );
}

async function countDeadLetters(baseUrl: string, key: string): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const url = new URL('/api/dead-letters', baseUrl);
    url.searchParams.set('code', key);
    url.searchParams.set('limit', '500');
    if (token !== undefined) url.searchParams.set('continuationToken', token);
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`GET /api/dead-letters answered ${response.status}`);
    const page = (await response.json()) as { items: unknown[]; continuationToken?: string };
    count += page.items.length;
    token = page.continuationToken;
  } while (token !== undefined);
  return count;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-'));
  const bench = new Bench(settings, workDir);
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= bench.stopAll().finally(() => {
      if (settings.keepDir) console.log(`Kept ${workDir} (logs, data, profiles).`);
      else rmSync(workDir, { recursive: true, force: true });
    }));
  const signals = stopOnSignals('the servers', cleanup);

  console.log(
    `Intake bench: ${os.cpus().length} CPUs, Node ${process.version}; work directory ${workDir}\n` +
      `  phases ${[...settings.phases].join(', ')}; ${settings.seconds} s per run; rates ${settings.rates.join(', ')} req/s; ` +
      `${settings.connections} connections; storm ${settings.stormAlerts}×${settings.stormRepeats} on ` +
      `${settings.stormConnections} connections`,
  );
  const measured = await measure(
    async () => {
      if (settings.phases.has('loads') || settings.phases.has('max')) await bench.loadsAndMax();
      if (settings.phases.has('storm')) await bench.alertStorm();
    },
    { interrupted: () => signals.interrupted(), children: () => bench.children, cleanup },
  );
  if (!measured) return;
  console.log(`\n${bench.report()}`);
  writeFiguresJson(settings.jsonOut, bench.json());
}

runBenchMain(main);
