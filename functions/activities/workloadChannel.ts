// What every message activity checks first: the incident's workload is in the catalog (else the message
// can never be sent: not retryable), the workload wants this channel, and the channel is configured.
import type { Container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import type { Workload } from '../../shared/domain/catalog/Workload';
import type { NotificationChannelName } from '../../shared/domain/contracts/approvalContracts';
import { NonRetryableError } from '../../shared/errors';
import type { NotificationChannel } from '../../shared/ports/NotificationChannel';

export type WorkloadChannel =
  { readonly workload: Workload; readonly channel: NotificationChannel } | { readonly skipped: string };

export function workloadChannel(
  c: Container,
  workloadId: string,
  channelName: NotificationChannelName,
): WorkloadChannel {
  const workload = findWorkload(c.catalog(), workloadId);
  if (workload === undefined) {
    throw new NonRetryableError(`Workload '${workloadId}' is not in the catalog.`);
  }
  if (!workload.channels[channelName]) {
    return { skipped: `${channelName} is turned off for ${workload.id}` };
  }
  const channel = c.notificationChannel(channelName);
  if (channel === undefined) {
    return { skipped: `no ${channelName} channel is configured` };
  }
  return { workload, channel };
}
