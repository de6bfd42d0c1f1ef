// Which SDK client the factory builds from each kind of connection setting.
import { type AccessToken, type TokenCredential } from '@azure/identity';
import { createServiceBusClient } from '../../../../shared/adapters/servicebus/createServiceBusClient';
import { NonRetryableError } from '../../../../shared/errors';

const fakeCredential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: 'token', expiresOnTimestamp: Date.now() + 60_000 }),
};

describe('createServiceBusClient', () => {
  it('uses the namespace and credential for identity-based connections', async () => {
    const client = createServiceBusClient({
      fullyQualifiedNamespace: 'lifeboat-test.servicebus.windows.net',
      credential: fakeCredential,
    });

    expect(client.fullyQualifiedNamespace).toBe('lifeboat-test.servicebus.windows.net');
    await client.close();
  });

  it('uses a connection string when given one', async () => {
    const client = createServiceBusClient({
      connectionString: 'Endpoint=sb://local.example/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0',
    });

    expect(client.fullyQualifiedNamespace).toBe('local.example');
    await client.close();
  });

  it('rejects a malformed connection string without repeating the key', () => {
    const attempt = () => createServiceBusClient({ connectionString: 'SharedAccessKey=super-secret-key' });

    expect(attempt).toThrow(NonRetryableError);
    expect(attempt).toThrow(/Invalid Service Bus connection settings/);
    expect(attempt).not.toThrow(/super-secret-key/);
  });
});
