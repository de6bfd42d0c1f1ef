// Port: reads how far a secondary's replica is behind, from one replication source of the catalog. Reads
// only: a readiness evaluation changes nothing at any target.
import type { LagSource } from '../domain/catalog/replicationSchema';

export type LagReading =
  | { readonly ok: true; readonly lagSeconds: number; readonly measuredAt: string }
  | { readonly ok: false; readonly reason: string };

export interface LagReader {
  /** Never rejects for what the source answers (or fails to); only for programming errors. */
  read(source: LagSource, now: Date): Promise<LagReading>;
}
