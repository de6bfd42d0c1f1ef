// Counts the alerts the correlator has recorded, through GET /api/alerts, cheaply enough to poll under load.
//
// The listing is newest first (receivedAt, then id, descending) and the correlator stamps receivedAt and
// inserts in the same synchronous step, so a poll only has to read back to a little before the newest
// receivedAt seen by the previous poll; older pages were read already. `fullCount()` reads everything.
import { sleep } from '../support/ChildServer';

interface ListedAlert {
  readonly fingerprint: string;
  readonly receivedAt: string;
}

interface AlertPage {
  readonly items: readonly ListedAlert[];
  readonly continuationToken?: string;
}

/** Small pages for polls (each listed alert costs the runtime a parse), the maximum for the full count. */
const POLL_PAGE = 200;
const FULL_PAGE = 500;
/** How far behind the previous high-water mark a poll re-reads: same-millisecond ties, small clock steps. */
const OVERLAP_MS = 250;

export class RecordedAlerts {
  private readonly seen = new Set<string>();
  private highWater: string | undefined;
  pagesRead = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
  ) {}

  /** Reads what is new since the last poll; returns how many fingerprints with this prefix are recorded. */
  async poll(prefix: string): Promise<number> {
    const stopBelow =
      this.highWater === undefined
        ? undefined
        : new Date(Date.parse(this.highWater) - OVERLAP_MS).toISOString();
    let token: string | undefined;
    let newest = this.highWater;
    do {
      const page = await this.page(token, POLL_PAGE);
      for (const item of page.items) {
        this.seen.add(item.fingerprint);
        if (newest === undefined || item.receivedAt > newest) newest = item.receivedAt;
      }
      const oldest = page.items.at(-1)?.receivedAt;
      if (stopBelow !== undefined && oldest !== undefined && oldest < stopBelow) break;
      token = page.continuationToken;
    } while (token !== undefined);
    this.highWater = newest;
    return this.count(prefix);
  }

  count(prefix: string): number {
    let n = 0;
    for (const fingerprint of this.seen) if (fingerprint.startsWith(prefix)) n++;
    return n;
  }

  /** Pages through the whole listing and counts fingerprints with this prefix (a check, not for polling). */
  async fullCount(prefix: string): Promise<number> {
    const all = new Set<string>();
    let token: string | undefined;
    do {
      const page = await this.page(token, FULL_PAGE);
      for (const item of page.items) if (item.fingerprint.startsWith(prefix)) all.add(item.fingerprint);
      token = page.continuationToken;
    } while (token !== undefined);
    return all.size;
  }

  /**
   * Polls until `expected` alerts with this prefix are recorded; resolves with the time that took from
   * `since` (a performance.now() value), or undefined after the timeout.
   */
  async waitFor(
    prefix: string,
    expected: () => number,
    options: { since: number; timeoutMs: number; intervalMs: number; onPoll?: (count: number) => void },
  ): Promise<number | undefined> {
    for (;;) {
      const count = await this.poll(prefix);
      const now = performance.now();
      options.onPoll?.(count);
      if (count >= expected()) return now - options.since;
      if (now - options.since > options.timeoutMs) return undefined;
      await sleep(options.intervalMs);
    }
  }

  private async page(token: string | undefined, limit: number): Promise<AlertPage> {
    const url = new URL('/api/alerts', this.baseUrl);
    url.searchParams.set('code', this.key);
    url.searchParams.set('limit', String(limit));
    if (token !== undefined) url.searchParams.set('continuationToken', token);
    const response = await fetch(url);
    if (response.status !== 200) {
      throw new Error(`GET /api/alerts answered ${response.status}: ${await response.text()}`);
    }
    this.pagesRead++;
    return (await response.json()) as AlertPage;
  }
}
