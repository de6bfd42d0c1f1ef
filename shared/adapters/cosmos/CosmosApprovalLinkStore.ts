// ApprovalLinkStore on Cosmos DB: a use is one item whose id is (round, approver) in the incident's
// partition, written with a create: exactly one writer gets 201, every other a 409 and reads the winner.
import { z } from 'zod';
import {
  approvalLinkUseKeySchema,
  approvalLinkUseSchema,
} from '../../domain/approvalLinks/approvalLinkUseSchema';
import { NotFoundError } from '../../errors';
import type {
  ApprovalLinkConsumption,
  ApprovalLinkStore,
  ApprovalLinkUse,
  ApprovalLinkUseKey,
  RecordedApprovalLinkUse,
} from '../../ports/ApprovalLinkStore';
import { cosmosCall, cosmosStatus, unlessStatus } from './cosmosErrors';
import type { CosmosDatabase } from './CosmosDatabase';
import { cosmosItemId } from './cosmosItemId';
import { withEtagRetries } from './etagRetries';
import { validated } from '../validated';
import { readBack } from './readBack';

const utcInstant = z.iso.datetime({ precision: 3 });

const useItemSchema = approvalLinkUseSchema.extend({ deliveredAt: utcInstant.optional() });

export class CosmosApprovalLinkStore implements ApprovalLinkStore {
  constructor(private readonly db: CosmosDatabase) {}

  consume(use: ApprovalLinkUse): Promise<ApprovalLinkConsumption> {
    return cosmosCall('approval link use', async () => {
      const next = validated(approvalLinkUseSchema, use, 'approval link use');
      const container = await this.db.container('approvalLinks');
      try {
        await container.items.create({ id: itemId(next), ...next });
        return { consumed: true };
      } catch (err) {
        if (cosmosStatus(err) !== 409) throw err;
      }
      const read = await container.item(itemId(next), next.incidentId).read<Record<string, unknown>>();
      if (read.resource === undefined) {
        // Uses are never deleted, so the item that conflicted must be there.
        throw new Error('An approval link use conflicted with an item that is not there');
      }
      return {
        consumed: false,
        previous: recorded(readBack(useItemSchema, read.resource, 'approval link use')),
      };
    });
  }

  markDelivered(key: ApprovalLinkUseKey, at: string): Promise<void> {
    return cosmosCall('approval link delivery', async () => {
      const checked = validated(approvalLinkUseKeySchema, key, 'approval link use key');
      const deliveredAt = validated(utcInstant, at, 'delivery instant');
      const container = await this.db.container('approvalLinks');
      const item = container.item(itemId(checked), checked.incidentId);
      await withEtagRetries('approval link delivery', async () => {
        const read = await unlessStatus(404, () => item.read<Record<string, unknown>>());
        if (read?.resource === undefined) {
          throw new NotFoundError(
            `No approval link use for round ${checked.round} of incident ${checked.incidentId}`,
          );
        }
        const current = readBack(useItemSchema, read.resource, 'approval link use');
        if (current.deliveredAt !== undefined) return; // the first instant is kept
        await item.replace(
          { ...(read.resource as object), deliveredAt },
          { accessCondition: { type: 'IfMatch', condition: read.etag } },
        );
      });
    });
  }
}

function itemId(key: ApprovalLinkUseKey): string {
  return `${key.round}:${cosmosItemId(key.approver)}`;
}

function recorded(item: z.infer<typeof useItemSchema>): RecordedApprovalLinkUse {
  return {
    decision: item.decision,
    at: item.at,
    channel: item.channel,
    ...(item.comment === undefined ? {} : { comment: item.comment }),
    ...(item.deliveredAt === undefined ? {} : { deliveredAt: item.deliveredAt }),
  };
}
