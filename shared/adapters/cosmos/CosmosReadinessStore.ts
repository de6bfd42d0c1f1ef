// ReadinessStore on Cosmos DB, one partition per workload: an item per evaluation and a `latest` head
// replaced with IfMatch. The head is written first and names the evaluation it took with the state it
// replaced; the evaluation's item is created after it, so a crash between the two is repaired by the
// retry (which finds itself in the head and creates the item with the same answer).
import { z } from 'zod';
import {
  readinessResultSchema,
  readinessStateSchema,
  type ReadinessResult,
} from '../../domain/readiness/ReadinessResult';
import type { ReadinessStore, RecordedReadiness } from '../../ports/ReadinessStore';
import { validated } from '../validated';
import { cosmosCall, cosmosStatus, unlessStatus } from './cosmosErrors';
import type { CosmosDatabase } from './CosmosDatabase';
import { cosmosItemId } from './cosmosItemId';
import { withEtagRetries } from './etagRetries';
import { readBack } from './readBack';

const HEAD_ID = 'latest';

const headSchema = z.object({
  id: z.literal(HEAD_ID),
  workloadId: z.string(),
  type: z.literal('latest'),
  resultId: z.string(),
  evaluatedAt: z.string(),
  /** The state the head held before `resultId` took it; absent for the workload's first. */
  previousState: readinessStateSchema.optional(),
  result: readinessResultSchema,
});

const resultItemSchema = z.object({
  type: z.literal('result'),
  previousState: readinessStateSchema.optional(),
  becameLatest: z.boolean(),
  result: readinessResultSchema,
});

export class CosmosReadinessStore implements ReadinessStore {
  constructor(private readonly db: CosmosDatabase) {}

  record(result: ReadinessResult): Promise<RecordedReadiness> {
    return cosmosCall('readiness result', async () => {
      const next = validated(readinessResultSchema, result, 'readiness result');
      const container = await this.db.container('readiness');
      const itemId = `result:${cosmosItemId(next.id)}`;
      const stored = await unlessStatus(404, () =>
        container.item(itemId, next.workloadId).read<Record<string, unknown>>(),
      );
      if (stored?.resource !== undefined) {
        const item = readBack(resultItemSchema, stored.resource, 'readiness result');
        return answer(item.previousState, item.becameLatest);
      }
      const head = container.item(HEAD_ID, next.workloadId);
      const outcome = await withEtagRetries('readiness head', async (): Promise<RecordedReadiness> => {
        const read = await unlessStatus(404, () => head.read<Record<string, unknown>>());
        if (read?.resource === undefined) {
          await container.items.create(headItem(next, undefined)); // a racing first writer: 409, read again
          return answer(undefined, true);
        }
        const current = readBack(headSchema, read.resource, 'readiness head');
        if (current.resultId === next.id) return answer(current.previousState, true); // a retry after a crash
        if (current.evaluatedAt > next.evaluatedAt) return answer(current.result.state, false);
        await container.item(HEAD_ID, next.workloadId).replace(headItem(next, current.result.state), {
          accessCondition: { type: 'IfMatch', condition: read.etag },
        });
        return answer(current.result.state, true);
      });
      try {
        await container.items.create({
          id: itemId,
          workloadId: next.workloadId,
          type: 'result',
          evaluatedAt: next.evaluatedAt,
          ...(outcome.previousState ? { previousState: outcome.previousState } : {}),
          becameLatest: outcome.latest,
          result: next,
        });
      } catch (err) {
        if (cosmosStatus(err) !== 409) throw err; // a concurrent recording of the same evaluation
      }
      return outcome;
    });
  }

  latest(workloadId: string): Promise<ReadinessResult | undefined> {
    return cosmosCall('readiness latest', async () => {
      const container = await this.db.container('readiness');
      const read = await unlessStatus(404, () =>
        container.item(HEAD_ID, workloadId).read<Record<string, unknown>>(),
      );
      return read?.resource === undefined
        ? undefined
        : readBack(headSchema, read.resource, 'readiness head').result;
    });
  }

  history(workloadId: string, limit: number): Promise<ReadinessResult[]> {
    return cosmosCall('readiness history', async () => {
      const n = validated(z.int().positive(), limit, 'history limit');
      const container = await this.db.container('readiness');
      const { resources } = await container.items
        .query<Record<string, unknown>>({
          query: `SELECT TOP @n * FROM c WHERE c.workloadId = @w AND c.type = 'result' ORDER BY c.evaluatedAt DESC`,
          parameters: [
            { name: '@n', value: n },
            { name: '@w', value: workloadId },
          ],
        })
        .fetchAll();
      return resources.map((item) => readBack(resultItemSchema, item, 'readiness result').result);
    });
  }
}

function headItem(result: ReadinessResult, previousState: ReadinessResult['state'] | undefined) {
  return {
    id: HEAD_ID,
    workloadId: result.workloadId,
    type: 'latest',
    resultId: result.id,
    evaluatedAt: result.evaluatedAt,
    ...(previousState ? { previousState } : {}),
    result,
  };
}

function answer(previousState: ReadinessResult['state'] | undefined, latest: boolean): RecordedReadiness {
  return previousState === undefined ? { latest } : { previousState, latest };
}
