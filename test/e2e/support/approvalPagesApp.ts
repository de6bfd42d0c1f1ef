// The app the approval pages' end-to-end test hosts: functions/approvalPages.ts as registered, plus a probe
// orchestration standing in for the approval, which completes with the first decision raised to it.
import * as df from 'durable-functions';
import { APPROVAL_DECISION_EVENT } from '../../../shared/domain/contracts/approvalContracts';

export const APPROVAL_PROBE = 'approvalProbe';

function* approvalProbe(context: df.OrchestrationContext): Generator<df.Task, unknown, unknown> {
  return yield context.df.waitForExternalEvent(APPROVAL_DECISION_EVENT);
}

/** A LocalRuntime `loadApp`: the registrations are captured while it runs. */
export function loadApprovalPagesApp(): void {
  require('../../../functions/approvalPages');
  df.app.orchestration(APPROVAL_PROBE, approvalProbe);
}
