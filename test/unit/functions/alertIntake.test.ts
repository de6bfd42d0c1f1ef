// The intake refuses to run without a key rather than accept alerts unauthenticated (Azure without
// LIFEBOAT_INTAKE_KEY), with real HttpRequest / InvocationContext objects and no runtime.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { alertIntake } from '../../../functions/alertIntake';
import { loadConfig } from '../../../shared/config';
import { createContainer, setContainer } from '../../../shared/container';
import { tempDataDir } from '../../local/support/testRuntime';

describe('alertIntake without a configured key', () => {
  afterEach(() => setContainer(undefined));

  it('answers 503 intake_not_configured and never reads the body', async () => {
    setContainer(createContainer(loadConfig({ LIFEBOAT_DATA_DIR: tempDataDir() })));
    const request = new HttpRequest({
      method: 'POST',
      url: 'http://127.0.0.1/api/alerts?code=anything',
      body: { string: '{"not":"read"}' },
    });

    const response = await alertIntake(request, new InvocationContext({ functionName: 'alertIntake' }));

    expect(response.status).toBe(503);
    expect(response.jsonBody).toMatchObject({ error: { code: 'intake_not_configured' } });
    expect(request.bodyUsed).toBe(false);
  });
});
