// Sends one message through every notification channel at once, each activity retried on its own. One
// channel failing after its retries (or at once, when its failure is permanent) neither blocks the other nor
// fails the caller: the failure is written on the incident's timeline for operators to see, and the channel's
// name comes back.
import type * as df from 'durable-functions';
import {
  NOTIFICATION_CHANNELS,
  type NotificationChannelName,
} from '../../shared/domain/contracts/approvalContracts';
import { recordTimelineActivity } from '../../shared/domain/contracts/incidentLifecycleContracts';
import { activityFailure, callActivity } from './callActivity';
import { NOTIFICATION_RETRY } from './retryPolicies';

export function* sendThroughChannels(
  context: df.OrchestrationContext,
  message: {
    readonly incidentId: string;
    /** Activity name and its input per channel. */
    readonly activity: string;
    readonly input: (channel: NotificationChannelName) => unknown;
    /** Timeline entry id prefix and what the message is, in words ("approval request (level 1)"). */
    readonly entryId: string;
    readonly what: string;
  },
): Generator<df.Task, NotificationChannelName[], unknown> {
  const sends = NOTIFICATION_CHANNELS.map((channel) => ({
    channel,
    task: context.df.callActivityWithRetry(message.activity, NOTIFICATION_RETRY, message.input(channel)),
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
  const failed = sends.flatMap((send) => {
    const reason = activityFailure(send.task);
    return reason === undefined ? [] : [{ ...send, reason }];
  });
  for (const { channel, reason } of failed) {
    yield* callActivity(context, recordTimelineActivity, {
      incidentId: message.incidentId,
      entry: {
        id: `${message.entryId}-${channel}-failed`,
        at: context.df.currentUtcDateTime.toISOString(),
        type: 'notification-failed',
        message: `The ${channel} ${message.what} could not be sent: ${reason}`,
      },
    });
  }
  return failed.map((send) => send.channel);
}
