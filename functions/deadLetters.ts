// GET /api/dead-letters: messages that could not be processed, with the reason and a bounded preview: the
// broker's dead letters (past the max delivery count, expired) beside the app's own (not an alert).
// POST /api/dead-letters/{id}/resubmit | discard: an operator acts on one; who did it is recorded.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { container } from '../shared/container';
import { ALERTS_QUEUE } from '../shared/domain/contracts/queues';
import { deadLetterId, parseDeadLetterId } from '../shared/domain/deadLetters/deadLetterId';
import { errorMessage } from '../shared/errors';
import { invocationLogger } from '../shared/logging';
import type { DeadLetter } from '../shared/ports/AlertStore';
import type { DeadLetterAction } from '../shared/ports/DeadLetterActionLog';
import { authorizeOperator } from './http/authenticateOperator';
import { errorResponse } from './http/errorResponse';
import { pagedResponse } from './http/pagedResponse';
import { parseQuery } from './http/parseQuery';

/** The entities Lifeboat's triggers read, whose dead-letter sub-queues an operator needs to see. */
export const DEAD_LETTER_ENTITIES = [ALERTS_QUEUE] as const;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
/** How far the app's own dead letters are searched for one id (they are few: messages that are not alerts). */
const MAX_APP_DEAD_LETTERS_SEARCHED = 5_000;
const MAX_MESSAGE_ID_LENGTH = 128;

const listSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  continuationToken: z.string().min(1).optional(),
});

export async function listDeadLetters(request: HttpRequest): Promise<HttpResponseInit> {
  const query = parseQuery(request, listSchema);
  if (!query.ok) return query.response;
  const { limit, continuationToken } = query.value;
  const c = container();
  const unavailable: { entity: string; error: string }[] = [];
  // The broker's come first, on the first page: they can be acted on, and they are what an outage leaves.
  const broker = continuationToken
    ? []
    : (
        await Promise.all(
          DEAD_LETTER_ENTITIES.map((entity) =>
            c
              .brokerDeadLetters()
              .peek(entity, limit)
              .catch((err: unknown) => {
                unavailable.push({ entity, error: errorMessage(err) });
                return [];
              }),
          ),
        )
      )
        .flat()
        .map((d) => ({
          id: deadLetterId({ source: 'broker', entity: d.entity, sequenceNumber: d.sequenceNumber }),
          source: 'broker' as const,
          ...d,
        }));
  const response = await pagedResponse(async () => {
    const page = await c
      .alertStore()
      .listDeadLetters({ limit, ...(continuationToken ? { continuationToken } : {}) });
    const own = page.items.map((d) => ({ id: appDeadLetterId(d), source: 'app' as const, ...d }));
    const settled = await c.deadLetterActions().find(own.map((d) => d.id));
    return {
      items: [...broker, ...own.map((d) => withSettlement(d, settled.get(d.id)))],
      continuationToken: page.continuationToken,
    };
  });
  if (unavailable.length > 0 && response.status === 200) {
    return { ...response, jsonBody: { ...(response.jsonBody as object), unavailable } };
  }
  return response;
}

export async function actOnDeadLetter(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const c = container();
  const auth = authorizeOperator(request, 'operator', c.config);
  if (!auth.ok) return auth.response;
  const action = request.params.action;
  if (action !== 'resubmit' && action !== 'discard') {
    return errorResponse(
      404,
      'unknown_action',
      `Unknown action "${action ?? ''}": expected resubmit or discard.`,
    );
  }
  const id = request.params.id ?? '';
  const ref = parseDeadLetterId(id);
  if (ref === undefined) {
    return errorResponse(404, 'dead_letter_not_found', `No dead letter has the id "${id}".`);
  }
  const actor = auth.identity.name;
  const at = c.now().toISOString();
  const log = invocationLogger(context);
  const already = (await c.deadLetterActions().find([id])).get(id);
  if (already !== undefined) {
    return errorResponse(
      409,
      'dead_letter_settled',
      `This dead letter was already ${already.action === 'resubmit' ? 'resubmitted' : 'discarded'} by ${already.actor} at ${already.at}.`,
    );
  }

  let recorded: DeadLetterAction;
  if (ref.source === 'broker') {
    const found = (await c.brokerDeadLetters().peek(ref.entity, MAX_PAGE)).find(
      (d) => d.sequenceNumber === ref.sequenceNumber,
    );
    const messageId = found?.messageId ?? '';
    const resubmittedAs = resubmitId(messageId, ref.sequenceNumber);
    const done =
      found !== undefined &&
      (action === 'resubmit'
        ? await c.brokerDeadLetters().resubmit(ref.entity, ref.sequenceNumber, resubmittedAs)
        : await c.brokerDeadLetters().discard(ref.entity, ref.sequenceNumber));
    if (!done) {
      return errorResponse(
        404,
        'dead_letter_not_found',
        `The dead letter is no longer in ${ref.entity}'s dead-letter queue.`,
      );
    }
    recorded = {
      deadLetterId: id,
      action,
      actor,
      at,
      entity: ref.entity,
      messageId,
      ...(action === 'resubmit' ? { resubmittedAs } : {}),
    };
  } else {
    const own = await findAppDeadLetter(ref.entity, ref.messageId);
    if (own === undefined) {
      return errorResponse(404, 'dead_letter_not_found', `No dead letter has the id "${id}".`);
    }
    if (action === 'resubmit') {
      return errorResponse(
        409,
        'not_resubmittable',
        `Message ${own.messageId} was dead-lettered by Lifeboat because it is not a valid alert (${own.reason}); ` +
          'sent again it would fail the same way. Fix the sender and let it send again, or discard this one.',
      );
    }
    recorded = { deadLetterId: id, action, actor, at, entity: ref.entity, messageId: own.messageId };
  }
  if (!(await c.deadLetterActions().record(recorded))) {
    return errorResponse(
      409,
      'dead_letter_settled',
      'Another operator acted on this dead letter at the same time.',
    );
  }
  log.info('Dead letter settled by an operator', {
    action,
    actor,
    entity: recorded.entity,
    messageId: recorded.messageId,
  });
  return { status: 200, jsonBody: recorded, headers: { 'cache-control': 'no-store' } };
}

function appDeadLetterId(d: DeadLetter): string {
  return deadLetterId({ source: 'app', entity: d.entity, messageId: d.messageId });
}

function withSettlement<T extends object>(deadLetter: T, action: DeadLetterAction | undefined) {
  return action === undefined
    ? deadLetter
    : { ...deadLetter, settled: { action: action.action, actor: action.actor, at: action.at } };
}

async function findAppDeadLetter(entity: string, messageId: string): Promise<DeadLetter | undefined> {
  let token: string | undefined;
  let searched = 0;
  do {
    const page = await container()
      .alertStore()
      .listDeadLetters({ limit: MAX_PAGE, ...(token ? { continuationToken: token } : {}) });
    const found = page.items.find((d) => d.entity === entity && d.messageId === messageId);
    if (found) return found;
    searched += page.items.length;
    token = page.continuationToken;
  } while (token && searched < MAX_APP_DEAD_LETTERS_SEARCHED);
  return undefined;
}

/**
 * A resubmitted message needs an id of its own: its original id is still in the entity's duplicate-detection
 * window. Deterministic (a dead letter is resubmitted at most once), and within Service Bus's 128 characters.
 */
function resubmitId(messageId: string, sequenceNumber: number): string {
  const id = `${messageId}:resubmitted:${sequenceNumber}`;
  return id.length <= MAX_MESSAGE_ID_LENGTH ? id : createHash('sha256').update(id).digest('hex');
}

const actionsSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  continuationToken: z.string().min(1).optional(),
});

/** GET /api/dead-letters/actions: who resubmitted or discarded what, newest first. */
export async function listDeadLetterActions(request: HttpRequest): Promise<HttpResponseInit> {
  const query = parseQuery(request, actionsSchema);
  if (!query.ok) return query.response;
  const { limit, continuationToken } = query.value;
  return pagedResponse(() =>
    container()
      .deadLetterActions()
      .list({ limit, ...(continuationToken ? { continuationToken } : {}) }),
  );
}

app.http('listDeadLetterActions', {
  route: 'dead-letters/actions',
  methods: ['GET'],
  authLevel: 'function',
  handler: listDeadLetterActions,
});
app.http('listDeadLetters', {
  route: 'dead-letters',
  methods: ['GET'],
  authLevel: 'function',
  handler: listDeadLetters,
});
app.http('actOnDeadLetter', {
  route: 'dead-letters/{id}/{action}',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: actOnDeadLetter,
});
