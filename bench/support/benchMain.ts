// How a bench's entry point runs, the same for every bench: the measuring part with the end of each child's
// log printed when it fails (not after Ctrl-C), cleanup either way, the figures as JSON when asked, and a
// non-zero exit code on an error.
import { writeFileSync } from 'node:fs';
import type { ChildServer } from './ChildServer';

/** Resolves false when an interrupt (SIGINT/SIGTERM) ended the measuring: there is nothing to report. */
export async function measure(
  work: () => Promise<void>,
  options: {
    readonly interrupted: () => boolean;
    readonly children: () => readonly ChildServer[];
    readonly cleanup: () => Promise<unknown>;
  },
): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    if (options.interrupted()) return false;
    for (const child of options.children()) {
      console.error(`--- ${child.options.name} log (end) ---\n${child.logTail()}`);
    }
    throw err;
  } finally {
    await options.cleanup();
  }
}

export function writeFiguresJson(file: string | undefined, figures: unknown): void {
  if (file === undefined) return;
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nFigures written to ${file}`);
}

export function runBenchMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  });
}
