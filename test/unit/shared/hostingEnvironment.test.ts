// Under the Functions host in Azure the app refuses the local stand-ins, naming the settings to set; the local
// runtime and `func start` (no platform variables) keep the embedded defaults.
import { loadConfig } from '../../../shared/config';
import { createContainer } from '../../../shared/container';
import { NonRetryableError } from '../../../shared/errors';
import { assertFitForAzure, runsInAzure } from '../../../shared/hostingEnvironment';

const PRODUCTION = {
  LIFEBOAT_COSMOS__accountEndpoint: 'https://lifeboat.documents.azure.com:443/',
  ServiceBusConnection__fullyQualifiedNamespace: 'lifeboat.servicebus.windows.net',
  LIFEBOAT_SMTP_URL: 'smtp://mail.example.com:587',
  LIFEBOAT_MAIL_FROM: 'lifeboat@example.com',
  LIFEBOAT_SIGNING_KEY: 'a-signing-key-of-enough-length-0123456789',
};

function refusal(settings: Record<string, string>, platform: Record<string, string>): string | undefined {
  try {
    assertFitForAzure(loadConfig(settings), platform);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(NonRetryableError);
    return (err as Error).message;
  }
}

describe('runsInAzure', () => {
  const host = { FUNCTIONS_WORKER_RUNTIME: 'node' };
  it.each([
    [{ ...host, WEBSITE_INSTANCE_ID: 'a1b2c3' }, true],
    [{ WEBSITE_INSTANCE_ID: 'a1b2c3' }, true],
    [{ ...host, CONTAINER_NAME: 'SandboxHost-638', WEBSITE_SITE_NAME: 'lifeboat-prod' }, true],
    // Flex Consumption forbids FUNCTIONS_WORKER_RUNTIME as a setting: the platform's own variables decide.
    [{ CONTAINER_NAME: 'SandboxHost-638', WEBSITE_SITE_NAME: 'lifeboat-prod' }, true],
    [{ WEBSITE_SKU: 'FlexConsumption', WEBSITE_SITE_NAME: 'lifeboat-prod' }, true],
    [{ ...host, WEBSITE_INSTANCE_ID: 'a1b2c3', WEBSITE_PLACEHOLDER_MODE: '1' }, false],
    // Any container platform may set CONTAINER_NAME (this machine does); `func start` sets FUNCTIONS_WORKER_RUNTIME.
    [{ ...host, CONTAINER_NAME: 'builder-7' }, false],
    [{ WEBSITE_SKU: 'FlexConsumption' }, false],
    [host, false],
    [{ ...host, WEBSITE_INSTANCE_ID: '  ' }, false],
    [{}, false],
  ])('%j → %s', (env, expected) => {
    expect(runsInAzure(env)).toBe(expected);
  });
});

describe('assertFitForAzure', () => {
  it('refuses the embedded store, the embedded queue, the outbox and a generated signing key, naming each setting', () => {
    const message = refusal({}, { WEBSITE_INSTANCE_ID: 'a1b2c3', FUNCTIONS_WORKER_RUNTIME: 'node' });
    expect(message).toMatch(/LIFEBOAT_COSMOS__accountEndpoint/);
    expect(message).toMatch(/LIFEBOAT_COSMOS_DATABASE/);
    expect(message).toMatch(/ServiceBusConnection__fullyQualifiedNamespace/);
    expect(message).toMatch(/LIFEBOAT_SMTP_URL and LIFEBOAT_MAIL_FROM/);
    expect(message).toMatch(/LIFEBOAT_SIGNING_KEY/);
  });

  it('names only what is missing', () => {
    const { ServiceBusConnection__fullyQualifiedNamespace: _bus, ...withoutBus } = PRODUCTION;
    const message = refusal(withoutBus, {
      FUNCTIONS_WORKER_RUNTIME: 'node',
      CONTAINER_NAME: 'SandboxHost-638',
      WEBSITE_SITE_NAME: 'lifeboat-prod',
    });
    expect(message).toMatch(/ServiceBusConnection__fullyQualifiedNamespace/);
    expect(message).not.toMatch(/COSMOS|SMTP|SIGNING/);
  });

  it('starts with Cosmos DB, Service Bus, SMTP and a signing key configured', () => {
    expect(
      refusal(PRODUCTION, { FUNCTIONS_WORKER_RUNTIME: 'node', WEBSITE_INSTANCE_ID: 'a1b2c3' }),
    ).toBeUndefined();
  });

  it('keeps the embedded defaults outside Azure', () => {
    expect(refusal({}, {})).toBeUndefined();
  });

  it('is what creating the container checks first', () => {
    expect(() =>
      createContainer(loadConfig({}), { FUNCTIONS_WORKER_RUNTIME: 'node', WEBSITE_INSTANCE_ID: 'a1b2c3' }),
    ).toThrow(/refuses to start under the Functions host in Azure/);
  });
});
