// Port: the I/O of runbook steps that call automation endpoints (Azure Automation webhooks, Logic Apps,
// pipelines, internal APIs). Executors return outcomes; the activity and the orchestration decide what next.

/** Sent on every attempt of an `http` step; targets dedupe on it (docs/step-executors.md). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export const HTTP_STEP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpStepMethod = (typeof HTTP_STEP_METHODS)[number];

/** The statuses that mean the step did its job: a list (`[200, 202]`) or an inclusive range. */
export type ExpectStatus = readonly number[] | { readonly min: number; readonly max: number };

export interface HttpStepRequest {
  readonly method: HttpStepMethod;
  /** An http(s) URL. Query strings are never shown in reasons; secrets do not belong in the path. */
  readonly url: string;
  /** Secrets already resolved by the caller. Values are never logged or repeated in reasons. */
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as JSON when present; not allowed with GET or HEAD. */
  readonly body?: unknown;
  readonly expectStatus: ExpectStatus;
  /** For the whole exchange: connecting, the response and the bounded body read. */
  readonly timeoutMs: number;
  /**
   * Stable across every attempt of one step: the caller derives it from incident + step (+ the
   * operator's retry round, if any). Printable ASCII, at most 255 characters.
   */
  readonly idempotencyKey: string;
}

export interface HttpStepSucceeded {
  readonly kind: 'succeeded';
  readonly status: number;
  /** From sending the request until the response and its bounded preview were read. */
  readonly latencyMs: number;
  /** The start of the response body as text, bounded (see the adapter's limit). */
  readonly bodyPreview: string;
}

export interface HttpStepFailed {
  readonly kind: 'failed';
  /** Whether another attempt with the same idempotency key may succeed. */
  readonly retryable: boolean;
  /** For the incident timeline; never contains header values, request bodies or query strings. */
  readonly reason: string;
  /** Absent when no response arrived (network error, timeout, invalid request). */
  readonly status?: number;
  readonly latencyMs: number;
  /** The target's Retry-After, when it sent one with a retryable status. */
  readonly retryAfterMs?: number;
  /** The start of the response body, bounded; kept out of `reason`. */
  readonly bodyPreview?: string;
}

export type HttpStepOutcome = HttpStepSucceeded | HttpStepFailed;

export interface HttpStepExecutor {
  /**
   * Makes one attempt. Resolves with an outcome for everything a target or the network can do;
   * rejects only for programming errors (an impossible `expectStatus`, timeout or key).
   */
  execute(request: HttpStepRequest): Promise<HttpStepOutcome>;
}
