// The local host's own refusals (unknown route, wrong method, missing or wrong function key) answer with the
// app's JSON error shape and say what was expected, rather than an empty body.
import type { LocalRuntime } from '../../local/LocalRuntime';
import { removeDir, startTestRuntime } from './support/testRuntime';

let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  ({ runtime, dataDir } = await startTestRuntime({
    loadApp: () => {
      require('./apps/conformanceApp');
    },
  }));
});
afterAll(async () => {
  await runtime.stop();
  removeDir(dataDir);
});

const body = async (res: Response) => ({ status: res.status, json: await res.json() });

it('names the key a function-level route takes, and says when the one sent is wrong', async () => {
  expect(await body(await fetch(`${runtime.url}/api/keyed`))).toEqual({
    status: 401,
    json: {
      error: {
        code: 'unauthorized',
        message:
          'This route needs the function key (LIFEBOAT_FUNCTION_KEY), as ?code=<key> or the x-functions-key header.',
        details: [],
      },
    },
  });
  const wrong = await body(await fetch(`${runtime.url}/api/keyed?code=wrong-key`));
  expect(wrong.json).toMatchObject({
    error: { message: expect.stringMatching(/^The key sent does not match: this route/) },
  });
});

it('says which methods a route answers, and that a path is unknown', async () => {
  expect(await body(await fetch(`${runtime.url}/api/public/world`, { method: 'POST' }))).toEqual({
    status: 404,
    json: { error: { code: 'not_found', message: '/api/public/world answers GET, not POST.', details: [] } },
  });
  expect((await body(await fetch(`${runtime.url}/api/nothing/here`))).json).toMatchObject({
    error: { code: 'not_found', message: 'No route GET /api/nothing/here.' },
  });
  expect((await body(await fetch(`${runtime.url}/elsewhere`))).json).toMatchObject({
    error: { message: 'No route /elsewhere: functions answer under /api/.' },
  });
});
