// Request bodies for the intake bench: one generic (lifeboat.alert/v1) alert per request, routed to the
// sample catalog's orders-api workload by its `service` label.

/** The generic alert's `id` becomes the normalised alert's fingerprint, which the listing shows. */
export function alertBody(id: string): string {
  return JSON.stringify({
    schema: 'lifeboat.alert/v1',
    alerts: [
      {
        source: 'bench',
        id,
        status: 'fired',
        severity: 'Sev2',
        summary: `bench alert ${id}`,
        firedAt: '2026-11-22T03:00:00Z',
        labels: { service: 'orders-api' },
      },
    ],
  });
}

/** Bodies with distinct ids `<prefix>-0`, `<prefix>-1`, … across all connections of a run. */
export function distinctBodies(prefix: string): () => string {
  let next = 0;
  return () => alertBody(`${prefix}-${next++}`);
}

/**
 * The storm's sending order: each of `alerts` indices `repeats` times, shuffled (seeded, so runs compare),
 * so copies of one alert arrive on different connections at different moments.
 */
export function stormOrder(alerts: number, repeats: number, seed = 20261122): Uint32Array {
  const order = new Uint32Array(alerts * repeats);
  for (let i = 0; i < order.length; i++) order[i] = i % alerts;
  const random = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}

/** Reads the fingerprint back out of a 202 body without a full JSON.parse. */
export function acceptedFingerprint(body: string): string | undefined {
  return /"fingerprint":"([^"]+)"/.exec(body)?.[1];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
