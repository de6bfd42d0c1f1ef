// `npm run start:cosmos`'s entry point runs the real app with its state in Cosmos DB on the in-process
// stand-in: the health route checks Cosmos DB, and an alert's documents can be read from the stand-in.
import { RuntimeProcess } from './support/RuntimeProcess';
import { testFunctionKey, waitFor } from './support/testRuntime';

it('starts the app on the Cosmos stand-in and keeps an accepted alert there', async () => {
  const runtime = new RuntimeProcess(
    { LIFEBOAT_COSMOS_STANDIN_PORT: '0', LIFEBOAT_FUNCTION_KEY: testFunctionKey },
    'local/startCosmos.ts',
  );
  try {
    const url = await runtime.start();
    const endpoint = /stand-in \(in memory\) at (http:\/\/[\d.:]+\/)/.exec(runtime.output)?.[1];
    expect(endpoint).toBeDefined();
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({
      status: 'ok',
      checks: [
        { name: 'embedded-database', ok: true },
        { name: 'cosmos-db', ok: true },
      ],
    });
    const posted = await fetch(`${url}/api/alerts?code=${testFunctionKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schema: 'lifeboat.alert/v1',
        alerts: [
          {
            source: 'cli',
            id: 'watch-me',
            status: 'fired',
            severity: 'Sev3',
            summary: 'watch me',
            firedAt: new Date().toISOString(),
          },
        ],
      }),
    });
    expect(posted.status).toBe(202);
    const { alerts } = (await posted.json()) as { alerts: { id: string }[] };
    // What the banner tells a user to run: the documents, straight from the stand-in (the alert is recorded
    // once the queue's consumer has taken it).
    const stored = await waitFor('the alert document', async () => {
      const docs = (await (await fetch(`${endpoint ?? ''}dbs/lifeboat/colls/alerts/docs`)).json()) as {
        Documents: { alertId: string }[];
      };
      return docs.Documents.length > 0 ? docs.Documents : undefined;
    });
    expect(stored.map((d) => d.alertId)).toEqual([alerts[0]?.id]);
  } finally {
    await runtime.kill('SIGTERM');
  }
});
