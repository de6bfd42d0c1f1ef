// Throttling and unavailability through the real SDK: the stand-in answers 429 (with the service's
// x-ms-retry-after-ms) or 503 in place of a request. A few 429s are waited out by the SDK as its retry options
// say and the write succeeds; more than COSMOS_THROTTLE_RETRIES allows reach the port as a TransientError with
// the retry-after hint; a 503 on a write is a TransientError at once.
import { CosmosAlertStore } from '../../../../shared/adapters/cosmos/CosmosAlertStore';
import { COSMOS_THROTTLE_RETRIES } from '../../../../shared/adapters/cosmos/createCosmosClient';
import { TransientError } from '../../../../shared/errors';
import type { StandInRequest } from '../../../../local/cosmos/CosmosStandIn';
import { storedAlert } from '../../../contracts/alertStoreContract';
import {
  cosmosStandIn,
  stopCosmosStandIn,
  testCosmosDatabase,
  type TestCosmosDatabase,
} from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

let db: TestCosmosDatabase;
beforeEach(async () => {
  db = await testCosmosDatabase();
});
afterEach(() => db.dispose());

const alertCreates = (r: StandInRequest) => r.container === 'alerts' && r.kind === 'create';

it('retries a few 429s inside the SDK, and the write lands once', async () => {
  const standIn = await cosmosStandIn();
  standIn.failNext(alertCreates, { status: 429, times: 3, retryAfterMs: 20 });
  standIn.resetCounts();
  const store = new CosmosAlertStore(db.database);
  const alert = storedAlert('throttled', 1);

  expect(await store.record(alert)).toEqual({ created: true });
  expect(standIn.requestCounts().create).toBe(4);
  expect(await store.get(alert.alert.id)).toEqual(alert);
});

it('gives up after the retry options allow, as a TransientError carrying the retry-after', async () => {
  const standIn = await cosmosStandIn();
  standIn.failNext(alertCreates, {
    status: 429,
    times: COSMOS_THROTTLE_RETRIES.maxRetryAttemptCount + 1,
    retryAfterMs: 5,
  });
  standIn.resetCounts();
  const error: unknown = await new CosmosAlertStore(db.database)
    .record(storedAlert('throttled', 1))
    .catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TransientError);
  expect(error).toMatchObject({ retryAfterMs: 5 });
  expect(standIn.requestCounts().create).toBe(COSMOS_THROTTLE_RETRIES.maxRetryAttemptCount + 1);
});

it('reports a 503 on a write as a TransientError', async () => {
  const standIn = await cosmosStandIn();
  standIn.failNext(alertCreates, { status: 503, times: 10 });
  const error: unknown = await new CosmosAlertStore(db.database)
    .record(storedAlert('unavailable', 1))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TransientError);
  expect((error as Error).message).toMatch(/failed with 503/);
});
