// Port: one HTTP health probe of a region's endpoint. Requiring N consecutive passes before a deadline
// is the orchestration's job: one probe per activity, with durable timers between them.

export interface HealthProbeRequest {
  /** An http(s) URL to GET. Query strings are never shown in reasons. */
  readonly url: string;
  /** Default 200. */
  readonly expectStatus?: number;
  /** Slowest response that still passes. */
  readonly maxLatencyMs?: number;
  /** Text a passing body contains, looked for in the start of the body only (see the adapter's limit). */
  readonly bodyContains?: string;
  readonly timeoutMs: number;
}

export interface HealthProbeResult {
  readonly ok: boolean;
  /** Absent when no response arrived. */
  readonly status?: number;
  /** From sending the request until the response and its bounded body were read. */
  readonly latencyMs: number;
  /** Why it passed or failed, in words, for the incident timeline. */
  readonly reason: string;
}

export interface HealthProbe {
  /** Never rejects for what the endpoint or network does; only for programming errors (a bad timeout). */
  probe(request: HealthProbeRequest): Promise<HealthProbeResult>;
}
