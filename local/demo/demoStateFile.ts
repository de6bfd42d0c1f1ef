// The demo app's state in the data directory (`<data dir>/demo-app.json`), so that `npm start` after a stop
// finds West Europe still down and the failover still done, as real regions would be. Written whole after
// every change (write a temporary file, then rename: a crash leaves the old file or the new one); read back
// with a schema, and a file that fails it is set aside, said, and replaced by a fresh state.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import {
  DEMO_REGIONS,
  EFFECT_ENDPOINTS,
  type DurableDemoState,
  type EffectEndpoint,
} from './DemoRegionState';

const region = z.enum(DEMO_REGIONS);
const storedResponse = z.object({ status: z.number().int(), body: z.unknown() });

const durableDemoStateSchema = z.object({
  cosmosWriteRegion: region,
  trafficRegion: region,
  maintenance: z.object({ enabled: z.boolean(), reason: z.string().optional() }),
  outage: z.array(region),
  effects: z.array(
    z.object({
      endpoint: z.enum(Object.values(EFFECT_ENDPOINTS) as [EffectEndpoint, ...EffectEndpoint[]]),
      idempotencyKey: z.string(),
      at: z.string(),
      body: z.unknown(),
    }),
  ),
  deduplicated: z.number().int().nonnegative(),
  idempotency: z.array(z.object({ key: z.string(), fingerprint: z.string(), response: storedResponse })),
});

/** The saved state, or undefined when there is none (or it was unreadable, which `warn` is told). */
export function loadDemoState(file: string, warn: (line: string) => void): DurableDemoState | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    parsed = undefined;
  }
  const result = durableDemoStateSchema.safeParse(parsed);
  if (result.success) return result.data;
  const aside = `${file}.unreadable`;
  renameSync(file, aside);
  warn(
    `warning: the demo app's saved state in ${file} was unreadable; it starts afresh (the old file is ${aside})`,
  );
  return undefined;
}

export function saveDemoState(file: string, state: DurableDemoState): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}
