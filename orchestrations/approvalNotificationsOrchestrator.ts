// Sends one approval notification (a request to an escalation level, or the outcome) through every channel
// at once. One channel failing after its retries neither blocks the other nor anything else: the
// approval starts this and does not wait; a failure is written on the incident's timeline.
import type * as df from 'durable-functions';
import {
  approvalNotificationSchema,
  NOTIFICATION_CHANNELS,
  sendApprovalNotificationActivity,
} from '../shared/domain/contracts/approvalContracts';
import { recordTimelineActivity } from '../shared/domain/contracts/incidentLifecycleContracts';
import { callActivity } from './support/callActivity';
import { NOTIFICATION_RETRY } from './support/retryPolicies';

export function* approvalNotificationsOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, { failed: string[] }, unknown> {
  const notification = approvalNotificationSchema.parse(context.df.getInput());
  const sends = NOTIFICATION_CHANNELS.map((channel) => ({
    channel,
    task: context.df.callActivityWithRetry(
      sendApprovalNotificationActivity.name,
      NOTIFICATION_RETRY,
      sendApprovalNotificationActivity.input.parse({ ...notification, channel }),
    ),
  }));
  try {
    yield context.df.Task.all(sends.map((send) => send.task));
  } catch {
    // One failed first; await the others on their own (a scheduled task may be awaited again alone).
    for (const send of sends) {
      if (!send.task.isCompleted && !send.task.isFaulted) {
        try {
          yield send.task;
        } catch {
          // written on the timeline below
        }
      }
    }
  }
  const failed = sends.filter((send) => send.task.isFaulted);
  const what = notification.message.kind === 'approval-request' ? 'approval request' : 'approval outcome';
  for (const send of failed) {
    const reason = send.task.result instanceof Error ? send.task.result.message : String(send.task.result);
    yield* callActivity(context, recordTimelineActivity, {
      incidentId: notification.incidentId,
      entry: {
        id: `approval-${notification.round}-${notification.message.kind}-${notification.level}-${send.channel}-failed`,
        at: context.df.currentUtcDateTime.toISOString(),
        type: 'notification-failed',
        message: `The ${send.channel} ${what} (level ${notification.level}) could not be sent: ${reason}`,
      },
    });
  }
  return { failed: failed.map((send) => send.channel) };
}
