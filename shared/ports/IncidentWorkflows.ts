// Port: starts and wakes incident orchestrations (the Durable client in Functions).
import type { IncidentOrchestrationInput } from '../domain/contracts/incidentContracts';

export interface IncidentWorkflows {
  /** Starts the incident orchestration unless an instance with this id already exists, in any state. */
  ensureStarted(input: IncidentOrchestrationInput): Promise<void>;
  /**
   * Wakes the orchestration to read its alerts again. Resolves also when it has already finished
   * (its alerts are in the store either way); rejects when no such instance exists.
   */
  wake(incidentId: string, alertId: string): Promise<void>;
}
