// Lifeboat on Azure: one resource group in the region Lifeboat runs in — never the primary region of a
// workload it fails over (docs/azure-deployment.md, "Where Lifeboat runs"). azd up deploys it; the modules
// follow the Azure Functions azd samples' layout (Flex Consumption, user-assigned identity, no shared keys).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags derive from it.')
param environmentName string

@minLength(1)
@description('The region Lifeboat runs in. Not a primary region of any workload it manages.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Cosmos DB secondary region (read replica, automatic failover target) and where a tier-0 standby Lifeboat runs. Empty: single region.')
param alternateLocation string = ''

@description('The primary regions of the workloads in the catalog. Deployment refuses to put Lifeboat in one of them.')
param workloadPrimaryRegions array = []

@allowed(['active', 'standby'])
@description('active: Lifeboat takes alerts. standby: the tier-0 second instance — its alert trigger is disabled until promoted, and it uses the active instance\'s Cosmos DB account.')
param instanceRole string = 'active'

@description('standby only: the active instance\'s Cosmos DB account (name and resource group); the catalog and incident state are shared through it.')
param sharedCosmosAccountName string = ''
param sharedCosmosResourceGroup string = ''

// Names: all optional; empty derives one from the environment.
param resourceGroupName string = ''
param functionAppName string = ''
param identityName string = ''
param storageAccountName string = ''
param serviceBusNamespaceName string = ''
param cosmosAccountName string = ''
param keyVaultName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''

@description('Durable Functions task hub (LIFEBOAT_TASK_HUB): 3-50 letters and digits.')
param taskHubName string = 'lifeboat'
param cosmosDatabaseName string = 'lifeboat'

@description('Sender of approval and progress emails (LIFEBOAT_MAIL_FROM).')
param mailFrom string

@description('Entra ID app registration (client id) for App Service authentication of operators; empty: operator keys only.')
param authClientId string = ''

@description('false: email only, no Teams webhook secret.')
param teamsEnabled bool = true

@description('App settings runbooks refer to as { secret: NAME }, each a Key Vault secret of the same name with _ replaced by -.')
param runbookSecretNames array = []

@description('Object id of the deployer (azd passes AZURE_PRINCIPAL_ID): gets Key Vault Secrets Officer to set the secrets after provisioning. Empty: none.')
param deployerPrincipalId string = ''

@description('Service Bus tier: Standard (topics, duplicate detection) or Premium (zone redundancy, isolation).')
@allowed(['Standard', 'Premium'])
param serviceBusSku string = 'Standard'

var placementOk = !contains(map(workloadPrimaryRegions, r => toLower(r)), toLower(location))
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, 'lifeboat-role': instanceRole }
var appName = !empty(functionAppName) ? functionAppName : 'func-lifeboat-${token}'
var usesSharedCosmos = instanceRole == 'standby'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  // A Lifeboat in a workload's primary region fails with it: the name makes the deployment fail there.
  name: placementOk
    ? (!empty(resourceGroupName) ? resourceGroupName : 'rg-lifeboat-${environmentName}')
    : 'lifeboat-must-not-run-in-a-workload-primary-region-${location}/'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: !empty(identityName) ? identityName : 'id-lifeboat-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : 'log-lifeboat-${token}'
    applicationInsightsName: !empty(applicationInsightsName) ? applicationInsightsName : 'appi-lifeboat-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : 'stlifeboat${take(token, 14)}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${take(token, 20)}'
  }
}

module serviceBus 'modules/serviceBus.bicep' = {
  name: 'serviceBus'
  scope: rg
  params: {
    name: !empty(serviceBusNamespaceName) ? serviceBusNamespaceName : 'sb-lifeboat-${token}'
    location: location
    tags: tags
    sku: serviceBusSku
  }
}

module cosmos 'modules/cosmos.bicep' = if (!usesSharedCosmos) {
  name: 'cosmos'
  scope: rg
  params: {
    name: !empty(cosmosAccountName) ? cosmosAccountName : 'cosmos-lifeboat-${token}'
    location: location
    alternateLocation: alternateLocation
    tags: tags
    databaseName: cosmosDatabaseName
  }
}

// standby only: the active instance's account, whose endpoint the standby uses.
resource sharedCosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = if (usesSharedCosmos) {
  name: sharedCosmosAccountName
  scope: resourceGroup(sharedCosmosResourceGroup)
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: !empty(keyVaultName) ? keyVaultName : 'kv-lifeboat-${take(token, 12)}'
    location: location
    tags: tags
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: appName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    cosmosEndpoint: usesSharedCosmos ? sharedCosmos!.properties.documentEndpoint : cosmos!.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    keyVaultUri: keyVault.outputs.uri
    taskHubName: taskHubName
    mailFrom: mailFrom
    authClientId: authClientId
    teamsEnabled: teamsEnabled
    alertTriggerEnabled: instanceRole == 'active'
    runbookSecretNames: runbookSecretNames
  }
}

module roles 'modules/roleAssignments.bicep' = {
  name: 'roleAssignments'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

// Cosmos DB data-plane RBAC lives on the account, wherever the account is.
module cosmosRole 'modules/cosmosDataRole.bicep' = {
  dependsOn: [cosmos]
  name: 'cosmosDataRole'
  scope: resourceGroup(usesSharedCosmos ? sharedCosmosResourceGroup : rg.name)
  params: {
    accountName: usesSharedCosmos ? sharedCosmosAccountName : cosmos!.outputs.name
    principalId: identity.outputs.principalId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = functionApp.outputs.name
output LIFEBOAT_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
