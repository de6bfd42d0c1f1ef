// Port: who resubmitted or discarded which dead letter, and when (the audit trail of operator actions).
import type { Page } from './Page';

export interface DeadLetterAction {
  readonly deadLetterId: string;
  readonly action: 'resubmit' | 'discard';
  /** The operator's name. */
  readonly actor: string;
  readonly at: string;
  readonly entity: string;
  readonly messageId: string;
  /** For a resubmit: the id the message was sent again under. */
  readonly resubmittedAs?: string;
}

export interface DeadLetterActionLog {
  /** Keeps the first action per dead letter: resolves false (and records nothing) when one is recorded already. */
  record(action: DeadLetterAction): Promise<boolean>;
  /** The recorded actions of these dead letters, by id. */
  find(deadLetterIds: readonly string[]): Promise<ReadonlyMap<string, DeadLetterAction>>;
  /** Newest first, paged. */
  list(query: {
    readonly limit: number;
    readonly continuationToken?: string;
  }): Promise<Page<DeadLetterAction>>;
}
