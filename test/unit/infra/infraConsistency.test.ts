// What can be checked of infra/ without a Bicep compiler: the app settings the templates set are settings the
// app or the Functions host reads, together they configure the app as Azure needs it (identity-based
// connections, telemetry, every secret), every role the adapters need is assigned, and every queue, topic and
// container the code names is declared.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as entities from '../../../shared/domain/contracts/queues';
import { ALERT_RETENTION_SECONDS, COSMOS_CONTAINERS } from '../../../shared/adapters/cosmos/cosmosContainers';
import { loadConfig, settingNames } from '../../../shared/config';
import { assertFitForAzure } from '../../../shared/hostingEnvironment';
import { nonNullValue } from '../../../shared/nonNull';
import { objectVariable, readBicep, resources, stringProperty } from './bicepText';

const functionApp = readBicep('modules/functionApp.bicep');
const main = readBicep('main.bicep');

/** Settings only the Functions host or the platform reads (docs/azure-deployment.md, "Settings"). */
const hostSettings: readonly RegExp[] = [
  /^AzureWebJobsStorage__(credential|clientId|blobServiceUri|queueServiceUri|tableServiceUri)$/,
  /^AzureWebJobs\.[A-Za-z][\w]*\.Disabled$/,
  // Named by authsettingsV2's clientSecretSettingName.
  /^MICROSOFT_PROVIDER_AUTHENTICATION_SECRET$/,
];

const settingVariables = ['lifeboatSettings', 'teamsSettings', 'authSettings'] as const;
const appSettings = new Map(settingVariables.flatMap((v) => [...objectVariable(functionApp, v)]));

/** A value for each template parameter an app setting is built from, as a deployment would supply it. */
const clientId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const parameterValues: Record<string, string> = {
  identityClientId: clientId,
  'site.properties.defaultHostName': 'func-lifeboat-test.azurewebsites.net',
  'storage.properties.primaryEndpoints.blob': 'https://stlifeboat.blob.core.windows.net/',
  'storage.properties.primaryEndpoints.queue': 'https://stlifeboat.queue.core.windows.net/',
  'storage.properties.primaryEndpoints.table': 'https://stlifeboat.table.core.windows.net/',
  applicationInsightsConnectionString:
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
  serviceBusFullyQualifiedNamespace: 'sb-lifeboat.servicebus.windows.net',
  cosmosEndpoint: 'https://cosmos-lifeboat.documents.azure.com:443/',
  cosmosDatabaseName: 'lifeboat',
  taskHubName: 'lifeboat',
  mailFrom: 'Lifeboat <lifeboat@example.com>',
};
/** What the Key Vault references resolve to once the secrets are set (infra/scripts/set-secrets.sh). */
const secretValues: Record<string, string> = {
  'lifeboat-operator-keys': '[]',
  'lifeboat-smtp-url': 'smtps://lifeboat:password@smtp.example.com:465',
  'lifeboat-teams-webhook-url':
    'https://prod.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke',
};

/** Evaluates the small subset of Bicep the settings use; ternaries take the branch a full deployment takes. */
function evaluate(expression: string): string {
  const secret = /^secretRef\(keyVaultUri, '([\w-]+)'\)$/.exec(expression);
  if (secret?.[1] !== undefined) return secretValues[secret[1]] ?? `secret-value-of-${secret[1]}-0123456789`;
  const ternary = /^\w+ \? '([^']*)' : '[^']*'$/.exec(expression);
  if (ternary?.[1] !== undefined) return ternary[1];
  const literal = /^'(.*)'$/.exec(expression);
  if (literal?.[1] !== undefined) {
    return literal[1].replace(/\$\{([^}]+)\}/g, (_, name: string) =>
      nonNullValue(parameterValues[name], `a sample value for ${name}`),
    );
  }
  return nonNullValue(parameterValues[expression], `a sample value for ${expression}`);
}

const deployedEnvironment = Object.fromEntries(
  [...appSettings].map(([name, value]) => [name, evaluate(value)]),
);

describe('infra/ app settings', () => {
  it('sets only settings shared/config.ts or the Functions host reads', () => {
    const unknown = [...appSettings.keys()].filter(
      (name) =>
        !(settingNames as readonly string[]).includes(name) && !hostSettings.some((p) => p.test(name)),
    );
    expect(unknown).toEqual([]);
  });

  it('configures the app as Azure needs it: identity-based connections, telemetry with Entra ID, every secret', () => {
    const config = loadConfig(deployedEnvironment);
    const managedIdentity = { kind: 'managed-identity', clientId };
    expect(config.store).toMatchObject({ kind: 'cosmos', database: 'lifeboat', identity: managedIdentity });
    expect(config.store).not.toHaveProperty('connectionString');
    expect(config.bus).toMatchObject({ kind: 'servicebus', identity: managedIdentity });
    expect(config.bus).not.toHaveProperty('connectionString');
    expect(config.identity).toEqual({ kind: 'default', clientId });
    expect(config.telemetry).toMatchObject({ entraIdentity: managedIdentity });
    expect(config.trustAppServiceAuth).toBe(true);
    for (const present of [
      'signingKey',
      'intakeKey',
      'smtpUrl',
      'mailFrom',
      'teamsWebhookUrl',
      'publicBaseUrl',
    ]) {
      expect(config).toHaveProperty(present);
    }
  });

  it('passes the check the app makes before it starts in Azure', () => {
    const platform = { WEBSITE_SITE_NAME: 'func-lifeboat-test', WEBSITE_SKU: 'FlexConsumption' };
    expect(() =>
      assertFitForAzure(loadConfig(deployedEnvironment), { ...deployedEnvironment, ...platform }),
    ).not.toThrow();
  });

  it('sets the host storage connection by identity, never by key', () => {
    for (const part of ['credential', 'clientId', 'blobServiceUri', 'queueServiceUri', 'tableServiceUri']) {
      expect(deployedEnvironment).toHaveProperty(`AzureWebJobsStorage__${part}`);
    }
    expect(deployedEnvironment.AzureWebJobsStorage__credential).toBe('managedidentity');
    expect(appSettings.has('AzureWebJobsStorage')).toBe(false);
  });

  it('sets every secret as a Key Vault reference and no key-based connection at all', () => {
    const secrets = [
      'LIFEBOAT_SIGNING_KEY',
      'LIFEBOAT_INTAKE_KEY',
      'LIFEBOAT_OPERATOR_KEYS',
      'LIFEBOAT_SMTP_URL',
      'LIFEBOAT_TEAMS_WEBHOOK_URL',
      'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET',
    ];
    for (const name of secrets)
      expect({ name, value: appSettings.get(name) }).toEqual({
        name,
        value: expect.stringMatching(/^secretRef\(keyVaultUri, '[\w-]+'\)$/),
      });
    for (const keyed of [
      'ServiceBusConnection',
      'LIFEBOAT_COSMOS_CONNECTION_STRING',
      'LIFEBOAT_FUNCTION_KEY',
      'AzureWebJobsStorage',
    ]) {
      expect(appSettings.has(keyed)).toBe(false);
    }
    // App Service authentication reads its client secret from the setting the app settings define.
    expect(functionApp).toContain("clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'");
  });

  it('disables only functions the app registers', () => {
    const sources = readdirSync(path.join(__dirname, '../../../functions'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(__dirname, '../../../functions', f), 'utf8'))
      .join('\n');
    const disabled = [...appSettings.keys()].flatMap(
      (n) => /^AzureWebJobs\.(\w+)\.Disabled$/.exec(n)?.[1] ?? [],
    );
    expect(disabled.length).toBeGreaterThan(0);
    for (const fn of disabled) expect(sources).toMatch(new RegExp(`app\\.\\w+\\('${fn}'`));
  });

  it('keeps the defaults of the database and the task hub in step with shared/config.ts', () => {
    const defaults = loadConfig({
      LIFEBOAT_COSMOS_CONNECTION_STRING: 'AccountEndpoint=https://x/;AccountKey=k;',
    });
    expect(main).toContain(
      `param cosmosDatabaseName string = '${defaults.store.kind === 'cosmos' ? defaults.store.database : ''}'`,
    );
    expect(main).toContain(`param taskHubName string = '${defaults.taskHub}'`);
  });
});

/** The roles the app's identity needs, by what needs them (docs/azure-deployment.md, "Roles"). */
const requiredRoles = [
  { role: 'storageBlobDataOwner', id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', scope: 'storage' },
  { role: 'storageQueueDataContributor', id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88', scope: 'storage' },
  { role: 'storageTableDataContributor', id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', scope: 'storage' },
  { role: 'serviceBusDataSender', id: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39', scope: 'namespace' },
  { role: 'serviceBusDataReceiver', id: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0', scope: 'namespace' },
  { role: 'keyVaultSecretsUser', id: '4633458b-17de-408a-b874-0445c86b69e6', scope: 'vault' },
  { role: 'monitoringMetricsPublisher', id: '3913510d-42f4-4e42-8a64-420c390055eb', scope: 'appInsights' },
] as const;

describe('infra/ role assignments', () => {
  const roleText = readBicep('modules/roleAssignments.bicep');
  const roleIds = objectVariable(roleText, 'roles');
  const assignments = resources(roleText).filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');

  it.each(requiredRoles)('assigns $role to the app identity on its $scope', ({ role, id, scope }) => {
    expect(roleIds.get(role)).toBe(`'${id}'`);
    const assigning = assignments.filter(
      (a) => a.body.includes(`roles.${role}`) && a.body.includes(`scope: ${scope}\n`),
    );
    expect(assigning.length).toBe(1);
    expect(assigning[0]?.body).toContain('principalId: principalId');
  });

  it('gives the identity Cosmos DB Built-in Data Contributor as a data-plane role on the account', () => {
    const cosmosRole = readBicep('modules/cosmosDataRole.bicep');
    const [assignment] = resources(cosmosRole);
    expect(assignment?.type).toBe('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    expect(cosmosRole).toContain("var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'");
    expect(assignment?.body).toContain(
      "roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'",
    );
    expect(main).toMatch(
      /module cosmosRole 'modules\/cosmosDataRole\.bicep'[\s\S]*principalId: identity\.outputs\.principalId/,
    );
  });
});

describe('infra/ messaging entities and containers', () => {
  const serviceBus = resources(readBicep('modules/serviceBus.bicep'));
  const declared = (type: string) =>
    serviceBus
      .filter((r) => r.type === type)
      .map((r) => nonNullValue(stringProperty(r.body, 'name'), r.symbol));

  it('declares every queue and topic the code names, with duplicate detection', () => {
    const named = Object.entries(entities).filter(([constant]) => /_(QUEUE|TOPIC)$/.test(constant));
    expect(named.length).toBeGreaterThan(0);
    for (const [constant, entity] of named) {
      const type = constant.endsWith('_QUEUE')
        ? 'Microsoft.ServiceBus/namespaces/queues'
        : 'Microsoft.ServiceBus/namespaces/topics';
      expect(declared(type)).toContain(entity);
      const block = serviceBus.find((r) => r.type === type && stringProperty(r.body, 'name') === entity);
      expect(block?.body).toContain('requiresDuplicateDetection: true');
    }
  });

  it('names the Service Bus connection the trigger and the sender read', () => {
    expect(appSettings.has(`${entities.SERVICE_BUS_CONNECTION}__fullyQualifiedNamespace`)).toBe(true);
  });

  it('declares the Cosmos DB containers the adapters use: ids, partition keys and retention', () => {
    const cosmos = readBicep('modules/cosmos.bicep');
    const declaredContainers = [
      ...cosmos.matchAll(/^ {4}id: '(\w+)'\n {4}partitionKey: '(\/\w+)'\n {4}defaultTtl: ([\w-]+)/gm),
    ].map((m) => ({ id: m[1], partitionKey: m[2], defaultTtl: m[3] }));
    const retention = /^param alertRetentionSeconds int = (\d+)$/m.exec(cosmos)?.[1];
    expect(Number(retention)).toBe(ALERT_RETENTION_SECONDS);
    const expected = Object.values(COSMOS_CONTAINERS).map((c) => ({
      id: c.id,
      partitionKey: c.partitionKey.paths[0],
      // -2 is the templates' "no TTL"; the adapters' retention comes in as the parameter.
      defaultTtl: 'defaultTtl' in c ? 'alertRetentionSeconds' : '-2',
    }));
    expect(declaredContainers).toEqual(expected);
  });
});
