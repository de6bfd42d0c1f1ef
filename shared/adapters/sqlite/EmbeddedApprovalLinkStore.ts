// ApprovalLinkStore in the embedded database. The use is one `INSERT … ON CONFLICT DO NOTHING` on the
// (incident, round, approver) primary key: whichever connection or process commits first wins, and every
// later attempt reads the winner back in the same IMMEDIATE transaction.
import { z } from 'zod';
import { approvalLinkClaimsSchema } from '../../domain/approvalLinks/ApprovalLinkClaims';
import {
  approvalLinkUseKeySchema,
  approvalLinkUseSchema,
} from '../../domain/approvalLinks/approvalLinkUseSchema';
import { ensureErrorType, NotFoundError } from '../../errors';
import type {
  ApprovalLinkConsumption,
  ApprovalLinkStore,
  ApprovalLinkUse,
  ApprovalLinkUseKey,
  RecordedApprovalLinkUse,
} from '../../ports/ApprovalLinkStore';
import { ensureEmbeddedApprovalLinkSchema } from './embeddedApprovalLinkSchema';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';
import { validated } from '../validated';

const utcInstant = z.iso.datetime({ precision: 3 });

const claims = approvalLinkClaimsSchema.shape;

/** Rows read back are validated like any other input. */
const recordedRowSchema = z.object({
  decision: claims.decision,
  channel: z.string().min(1),
  used_at: utcInstant,
  comment: z.string().nullable(),
  delivered_at: utcInstant.nullable(),
});

export class EmbeddedApprovalLinkStore implements ApprovalLinkStore {
  constructor(private readonly db: EmbeddedDatabase) {
    ensureEmbeddedApprovalLinkSchema(db);
  }

  consume(use: ApprovalLinkUse): Promise<ApprovalLinkConsumption> {
    return this.immediate((): ApprovalLinkConsumption => {
      const next = validated(approvalLinkUseSchema, use, 'approval link use');
      const inserted = this.db
        .prepare(
          `INSERT INTO app_approval_link_uses
             (incident_id, round, approver, decision, nonce, channel, used_at, comment)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (incident_id, round, approver) DO NOTHING`,
        )
        .run(
          next.incidentId,
          next.round,
          next.approver,
          next.decision,
          next.nonce,
          next.channel,
          next.at,
          next.comment ?? null,
        );
      if (inserted.changes === 1) return { consumed: true };
      const previous = this.read(next);
      if (previous === undefined) {
        // The conflict and this read share one transaction: the row cannot have gone in between.
        throw new Error('An approval link use conflicted with a row that is not there');
      }
      return { consumed: false, previous };
    });
  }

  markDelivered(key: ApprovalLinkUseKey, at: string): Promise<void> {
    return this.immediate(() => {
      const checked = validated(approvalLinkUseKeySchema, key, 'approval link use key');
      const deliveredAt = validated(utcInstant, at, 'delivery instant');
      const updated = this.db
        .prepare(
          `UPDATE app_approval_link_uses SET delivered_at = COALESCE(delivered_at, ?)
           WHERE incident_id = ? AND round = ? AND approver = ?`,
        )
        .run(deliveredAt, checked.incidentId, checked.round, checked.approver);
      if (updated.changes === 0) {
        throw new NotFoundError(
          `No approval link use for round ${checked.round} of incident ${checked.incidentId}`,
        );
      }
    });
  }

  private read(key: ApprovalLinkUseKey): RecordedApprovalLinkUse | undefined {
    const row: unknown = this.db
      .prepare(
        `SELECT decision, channel, used_at, comment, delivered_at FROM app_approval_link_uses
         WHERE incident_id = ? AND round = ? AND approver = ?`,
      )
      .get(key.incidentId, key.round, key.approver);
    if (row === undefined) return undefined;
    const r = recordedRowSchema.parse(row);
    return {
      decision: r.decision,
      at: r.used_at,
      channel: r.channel,
      ...(r.comment === null ? {} : { comment: r.comment }),
      ...(r.delivered_at === null ? {} : { deliveredAt: r.delivered_at }),
    };
  }

  /** One IMMEDIATE transaction (validation included), its throws turned into rejections. */
  private immediate<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(this.db.transaction(work).immediate());
    } catch (err) {
      return Promise.reject(ensureErrorType(err));
    }
  }
}

/** Input that fails its schema is the caller's fault: a ValidationError naming what and where. */
