// Sends one approval notification (a request to an escalation level, or the outcome) through every channel.
// The approval starts this and does not wait: a slow or broken channel delays no decision and no failover.
import type * as df from 'durable-functions';
import {
  approvalNotificationSchema,
  sendApprovalNotificationActivity,
} from '../shared/domain/contracts/approvalContracts';
import { sendThroughChannels } from './support/sendThroughChannels';

export function* approvalNotificationsOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, { failed: string[] }, unknown> {
  const notification = approvalNotificationSchema.parse(context.df.getInput());
  const request = notification.message.kind === 'approval-request';
  const failed = yield* sendThroughChannels(context, {
    incidentId: notification.incidentId,
    activity: sendApprovalNotificationActivity.name,
    input: (channel) => sendApprovalNotificationActivity.input.parse({ ...notification, channel }),
    entryId: `approval-${notification.round}-${notification.message.kind}-${notification.level}`,
    what: request ? `approval request (level ${notification.level})` : 'approval outcome',
  });
  return { failed };
}
