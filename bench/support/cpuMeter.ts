// How much CPU the rest of the machine used while a run was going (Linux /proc only; elsewhere: unknown).
// A bench on a shared 2-core box is only as good as its quiet: a figure taken while something else used a
// whole core says little, so each run reports this next to its figures.
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc CPU times. 100 on every mainstream Linux build. */
const TICKS_PER_SECOND = 100;

export interface CpuUse {
  /** Cores' worth of CPU the whole machine used, on average. */
  readonly machine: number;
  /** Of which the bench's own processes (this one and the servers it started). */
  readonly bench: number;
  /** The rest: other processes on the machine. */
  readonly others: number;
}

export class CpuMeter {
  private startedAt = 0;
  private machineStart = 0;
  private benchStart = 0;

  /** `pids` is read at start and at stop, so give the same servers both times. */
  constructor(private readonly pids: () => readonly (number | undefined)[]) {}

  start(): this {
    this.startedAt = performance.now();
    this.machineStart = machineTicks() ?? Number.NaN;
    this.benchStart = this.benchTicks();
    return this;
  }

  stop(): CpuUse | undefined {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const machine = machineTicks();
    if (machine === undefined || !Number.isFinite(this.machineStart) || seconds <= 0) return undefined;
    const perSecond = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
    const machineCores = perSecond(machine - this.machineStart);
    const benchCores = perSecond(this.benchTicks() - this.benchStart);
    return { machine: machineCores, bench: benchCores, others: Math.max(0, machineCores - benchCores) };
  }

  private benchTicks(): number {
    let total = 0;
    for (const pid of [process.pid, ...this.pids()]) {
      if (pid !== undefined) total += processTicks(pid) ?? 0;
    }
    return total;
  }
}

/** Busy ticks of all CPUs since boot: everything but idle and iowait. */
function machineTicks(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = cpu.trim().split(/\s+/).map(Number);
    return [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, all its threads included. */
function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
