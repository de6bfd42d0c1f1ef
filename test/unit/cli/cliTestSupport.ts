// Runs the CLI in-process with captured output, as a shell would (cwd, environment), for the CLI tests.
import type { CliIo } from '../../../cli/CliIo';
import { runCli } from '../../../cli/program';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string>; now?: Date },
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: options.env ?? {},
    cwd: options.cwd,
    out: (text) => out.push(text.replace(/\n$/, '')),
    err: (text) => err.push(text.replace(/\n$/, '')),
    now: () => options.now ?? new Date(),
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
