// Ctrl-C (or a SIGTERM) during a bench stops its child servers and removes its files before exiting.

/** Runs `cleanup` on SIGINT / SIGTERM, then exits 130; `interrupted()` says whether that happened. */
export function stopOnSignals(what: string, cleanup: () => Promise<unknown>): { interrupted(): boolean } {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: stopping ${what}`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  return { interrupted: () => interrupted };
}
