// Port: every alert Lifeboat accepted, with where it was routed, and the queue messages it could not process.
import type { Alert } from '../domain/alerts/Alert';
import type { Page } from './Page';

export type AlertRouting = 'routed' | 'unrouted';

export interface StoredAlert {
  readonly alert: Alert;
  readonly receivedAt: string;
  readonly routing: AlertRouting;
  readonly workloadIds: readonly string[];
  /** Why it went where it did (matched rules), or why it went nowhere. */
  readonly routingReasons: readonly string[];
}

export interface AlertQuery {
  readonly routing?: AlertRouting;
  readonly workloadId?: string;
  readonly limit: number;
  readonly continuationToken?: string;
}

/** A queue message that can never be processed, kept with its reason instead of being retried forever. */
export interface DeadLetter {
  readonly messageId: string;
  readonly entity: string;
  readonly reason: string;
  readonly details: readonly { readonly path: string; readonly message: string }[];
  /** The message body as received, cut to a bounded size. */
  readonly body: string;
  readonly deadLetteredAt: string;
}

export interface AlertStore {
  /**
   * Records the alert once: a repeat of the same id keeps the first record and resolves with
   * `{ created: false }`, so redelivered messages are harmless.
   */
  record(alert: StoredAlert): Promise<{ readonly created: boolean }>;
  get(alertId: string): Promise<StoredAlert | undefined>;
  /** Newest first. */
  list(query: AlertQuery): Promise<Page<StoredAlert>>;
  /** Idempotent per (entity, messageId). */
  recordDeadLetter(deadLetter: DeadLetter): Promise<void>;
  listDeadLetters(query: {
    readonly limit: number;
    readonly continuationToken?: string;
  }): Promise<Page<DeadLetter>>;
}
