import { loadConfig } from '../../../shared/config';
import { ValidationError } from '../../../shared/errors';

function problem(env: Record<string, string>): ValidationError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 7071,
      dataDir: '.lifeboat',
      catalogDir: 'catalog',
      store: { kind: 'embedded' },
      bus: { kind: 'embedded' },
      operatorKeys: [],
    });
  });

  it('refuses an SMTP server without a sender, rather than quietly using the outbox', () => {
    const error = problem({ LIFEBOAT_SMTP_URL: 'smtp://user:s3cret-password@mail.example.com:587' });
    expect(error.details).toEqual([
      { path: 'LIFEBOAT_MAIL_FROM', message: 'Required when LIFEBOAT_SMTP_URL is set' },
    ]);
    expect(error.message).not.toContain('s3cret-password');
    expect(
      loadConfig({
        LIFEBOAT_SMTP_URL: 'smtp://mail.example.com:587',
        LIFEBOAT_MAIL_FROM: 'Lifeboat <l@example.com>',
      }),
    ).toMatchObject({ mailFrom: 'Lifeboat <l@example.com>' });
  });

  it('names bad settings without repeating their values', () => {
    const error = problem({ LIFEBOAT_PORT: 'seventy', LIFEBOAT_OPERATOR_KEYS: '[{"key":"short"}]' });
    expect(error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['LIFEBOAT_PORT']));
    expect(error.message).not.toContain('short');
  });

  it('refuses a Key Vault reference the platform could not resolve, naming the setting', () => {
    const reference =
      '@Microsoft.KeyVault(SecretUri=https://kv-lifeboat.vault.azure.net/secrets/lifeboat-signing-key)';
    expect(
      problem({ LIFEBOAT_SIGNING_KEY: reference, LIFEBOAT_TEAMS_WEBHOOK_URL: reference }).details,
    ).toEqual([
      {
        path: 'LIFEBOAT_SIGNING_KEY',
        message:
          'Key Vault reference not resolved: the secret is missing or the identity lacks Key Vault Secrets User',
      },
      {
        path: 'LIFEBOAT_TEAMS_WEBHOOK_URL',
        message:
          'Key Vault reference not resolved: the secret is missing or the identity lacks Key Vault Secrets User',
      },
    ]);
  });

  describe('Azure identity', () => {
    const clientId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    const other = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

    it('signs Service Bus and Cosmos DB in as the managed identity the host settings name', () => {
      const config = loadConfig({
        ServiceBusConnection__fullyQualifiedNamespace: 'sb-lifeboat.servicebus.windows.net',
        ServiceBusConnection__credential: 'managedidentity',
        ServiceBusConnection__clientId: clientId,
        LIFEBOAT_COSMOS__accountEndpoint: 'https://cosmos-lifeboat.documents.azure.com:443/',
        LIFEBOAT_COSMOS__credential: 'ManagedIdentity',
        AZURE_CLIENT_ID: other,
      });
      expect(config.bus).toMatchObject({ identity: { kind: 'managed-identity', clientId } });
      // No connection-specific client id: AZURE_CLIENT_ID applies.
      expect(config.store).toMatchObject({ identity: { kind: 'managed-identity', clientId: other } });
      expect(config.identity).toEqual({ kind: 'default', clientId: other });
    });

    it('uses DefaultAzureCredential when no credential kind is set', () => {
      expect(loadConfig({}).identity).toEqual({ kind: 'default' });
    });

    it('refuses a client id that is not a GUID and a credential kind the host would ignore', () => {
      const error = problem({ AZURE_CLIENT_ID: 'my-identity', ServiceBusConnection__credential: 'key' });
      expect(error.details.map((d) => d.path).sort()).toEqual([
        'AZURE_CLIENT_ID',
        'ServiceBusConnection__credential',
      ]);
    });
  });

  describe('telemetry', () => {
    it('is off without a connection string', () => {
      expect(loadConfig({}).telemetry).toBeUndefined();
    });

    it('reads the connection string and the Entra ingestion identity', () => {
      const config = loadConfig({
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING:
          'Authorization=AAD;ClientId=3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      });
      expect(config.telemetry?.entraIdentity).toEqual({
        kind: 'managed-identity',
        clientId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      });
    });

    it('refuses a connection string without an instrumentation key', () => {
      expect(problem({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.com' }).details).toEqual([
        {
          path: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
          message: 'an Application Insights connection string has InstrumentationKey=…',
        },
      ]);
    });
  });
});
