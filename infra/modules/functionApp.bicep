// The Function App on Flex Consumption (Node 22), running as the user-assigned identity. Every connection is
// identity-based (…__credential=managedidentity, …__clientId); secrets are Key Vault references resolved by the
// platform as that identity. App Service authentication signs operators in with Entra ID app roles
// (viewer / operator / approver); it lets unauthenticated requests through, because alert intake (its key)
// and approval links (their signature) authenticate themselves, and the app checks every operator route.
param name string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
@secure()
param applicationInsightsConnectionString string
param serviceBusFullyQualifiedNamespace string
param cosmosEndpoint string
param cosmosDatabaseName string
param keyVaultUri string
param taskHubName string
param mailFrom string
param authClientId string
@description('false: no Teams channel (LIFEBOAT_TEAMS_WEBHOOK_URL unset); email only.')
param teamsEnabled bool = true
@description('false on a standby instance: its alert correlator stays off until it is promoted.')
param alertTriggerEnabled bool
param runbookSecretNames array
param maximumInstanceCount int = 40
param instanceMemoryMB int = 2048

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

// A Key Vault reference to the latest version of a secret (the platform re-reads it within a day, or on restart).
func secretRef(vaultUri string, secretName string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

var authEnabled = !empty(authClientId)

// The app settings, by name. Every name is one shared/config.ts reads or one the Functions host reads
// (test/unit/infra/infraConsistency.test.ts checks both, and that every setting Azure needs is set).
var lifeboatSettings = {
  // Host storage without keys: service URIs plus the identity.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  // Telemetry: ingestion with Entra ID (the resource has local auth off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
  // The identity the app's own SDK clients use where no connection names one (ARM steps, Azure Monitor reads).
  AZURE_CLIENT_ID: identityClientId
  // Service Bus: the host's trigger and the app's sender read the same connection.
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  // Cosmos DB: Lifeboat's state.
  LIFEBOAT_COSMOS__accountEndpoint: cosmosEndpoint
  LIFEBOAT_COSMOS__credential: 'managedidentity'
  LIFEBOAT_COSMOS__clientId: identityClientId
  LIFEBOAT_COSMOS_DATABASE: cosmosDatabaseName
  LIFEBOAT_TASK_HUB: taskHubName
  LIFEBOAT_PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
  LIFEBOAT_MAIL_FROM: mailFrom
  LIFEBOAT_TRUST_APP_SERVICE_AUTH: authEnabled ? 'true' : 'false'
  // Secrets: Key Vault references.
  LIFEBOAT_SIGNING_KEY: secretRef(keyVaultUri, 'lifeboat-signing-key')
  LIFEBOAT_INTAKE_KEY: secretRef(keyVaultUri, 'lifeboat-intake-key')
  LIFEBOAT_OPERATOR_KEYS: secretRef(keyVaultUri, 'lifeboat-operator-keys')
  LIFEBOAT_SMTP_URL: secretRef(keyVaultUri, 'lifeboat-smtp-url')
  // A standby instance keeps its correlator off until promoted (docs/azure-deployment.md, "Tier 0").
  'AzureWebJobs.alertCorrelator.Disabled': alertTriggerEnabled ? 'false' : 'true'
}

var teamsSettings = teamsEnabled ? { LIFEBOAT_TEAMS_WEBHOOK_URL: secretRef(keyVaultUri, 'lifeboat-teams-webhook-url') } : {}

var authSettings = authEnabled
  ? { MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: secretRef(keyVaultUri, 'microsoft-provider-authentication-secret') }
  : {}

// Runbook secrets ({ secret: NAME } in a runbook): app setting NAME, Key Vault secret NAME with _ as -.
var runbookSecrets = toObject(runbookSecretNames, s => s, s => secretRef(keyVaultUri, toLower(replace(s, '_', '-'))))

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: { minTlsVersion: '1.2' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
      runtime: { name: 'node', version: '22' }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(lifeboatSettings, teamsSettings, authSettings, runbookSecrets)
}

// Entra ID sign-in for operators. Unauthenticated requests pass through (AllowAnonymous): intake and approval
// links carry their own proof, and operator routes answer 401 without a principal that has a Lifeboat role.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (authEnabled) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: { requireAuthentication: false, unauthenticatedClientAction: 'AllowAnonymous' }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: { allowedAudiences: ['api://${authClientId}'] }
      }
    }
    // Sessions live in the auth cookie; Flex Consumption has no file system for a token store.
    login: { tokenStore: { enabled: false } }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
