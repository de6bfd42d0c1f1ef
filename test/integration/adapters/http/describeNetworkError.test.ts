// What fetch's own failures say about retrying, from real fetch calls: a request fetch refuses to build
// cannot succeed on a retry (issue 21: it was called "a network error; retryable"), a refused connection can.
import { describeNetworkError } from '../../../../shared/adapters/http/describeNetworkError';
import { HttpTarget } from '../../../support/httpTarget';

async function fetchError(url: string, init?: RequestInit): Promise<unknown> {
  try {
    await fetch(url, init);
  } catch (err) {
    return err;
  }
  throw new Error(`fetch ${url} did not fail`);
}

it('calls a request fetch refuses to build not retryable', async () => {
  const err = await fetchError('http://user:password@127.0.0.1:9/');

  expect(describeNetworkError(err)).toEqual({
    description: 'the request could not be sent as given',
    retryable: false,
  });
});

it('calls a refused connection retryable, by its code', async () => {
  const err = await fetchError(await HttpTarget.refusingUrl());

  expect(describeNetworkError(err)).toEqual({
    description: 'the connection was refused (ECONNREFUSED)',
    retryable: true,
  });
});
