// NotificationChannel for machines without SMTP or Teams (local runs, demos): each notification becomes
// one JSON file in the outbox directory, and its links are printed so a local user can click them.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isNotificationId } from '../../domain/notifications/base/notificationId';
import { NonRetryableError, TransientError, errorMessage } from '../../errors';
import type { ChannelReceipt, Notification, NotificationChannel } from '../../ports/NotificationChannel';

export interface OutboxChannelOptions {
  /** Created when missing; `<LIFEBOAT_DATA_DIR>/outbox` in the local runtime. */
  readonly dir: string;
  /**
   * Receives one line per link, `Approve as Alice: http://…`. The local runtime prints them; nothing
   * is printed without it. The lines hold usable link tokens: never send them to shared logs.
   */
  readonly log?: (line: string) => void;
}

const DECISION_TITLES = { approve: 'Approve', reject: 'Reject' } as const;

/** Errors that a later attempt may not meet (a full disk, a file locked by a virus scanner). */
const TRANSIENT_FS_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EBUSY', 'EAGAIN', 'EMFILE', 'ENFILE']);

export class OutboxChannel implements NotificationChannel {
  readonly name = 'outbox';
  private readonly dir: string;
  private readonly log: (line: string) => void;

  constructor(options: OutboxChannelOptions) {
    this.dir = options.dir;
    this.log = options.log ?? (() => undefined);
  }

  /** The file a notification is written to. */
  fileFor(notificationId: string): string {
    return path.join(this.dir, `${notificationId}.json`);
  }

  /**
   * Writes `<dir>/<id>.json` whole or not at all (a temporary file renamed over it), so a reader never
   * sees half a file; sending the same notification again rewrites the same file.
   */
  async send(notification: Notification): Promise<ChannelReceipt> {
    if (!isNotificationId(notification.id)) {
      throw new NonRetryableError('The notification id is not usable as a file name.');
    }
    const file = this.fileFor(notification.id);
    const temporary = path.join(this.dir, `.${notification.id}.${randomUUID()}.tmp`);
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temporary, `${JSON.stringify(notification, null, 2)}\n`, {
        encoding: 'utf8',
        flag: 'wx',
      });
      await rename(temporary, file);
    } catch (err) {
      await rm(temporary, { force: true }).catch(() => undefined);
      const code = errorCode(err);
      const message = `Writing notification ${notification.id} to the outbox failed: ${errorMessage(err)}`;
      if (code !== undefined && TRANSIENT_FS_CODES.has(code)) {
        throw new TransientError(`${message}; retryable.`, undefined, { cause: err });
      }
      throw new NonRetryableError(`${message}; not retryable.`, { cause: err });
    }
    for (const link of notification.links) {
      this.log(`${DECISION_TITLES[link.decision]} as ${link.approver}: ${link.url}`);
    }
    return { channel: this.name, notificationId: notification.id, delivered: 1 };
  }
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}
