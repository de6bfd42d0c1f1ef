// Runs one request per element, a bounded number at a time: a runbook's hundreds of step items are written
// in parallel without opening hundreds of sockets at once.

export const PARALLEL_REQUESTS = 16;

export async function inBatches<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL_REQUESTS) {
    results.push(
      ...(await Promise.all(items.slice(i, i + PARALLEL_REQUESTS).map((item, j) => work(item, i + j)))),
    );
  }
  return results;
}

/** Best effort: the work it does only tidies up (garbage is harmless), so its failures are left alone. */
export async function tidy(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch {
    // The items stay behind unreferenced; nothing reads them (docs/cosmos-data-model.md, garbage).
  }
}
