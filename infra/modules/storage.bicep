// Storage for the Functions host (AzureWebJobsStorage: leases, timers, the Durable task hub's queues and
// tables) and the Flex Consumption deployment package. Shared keys are off: the identity's roles are the only
// way in, so AzureWebJobsStorage is configured by service URI (AzureWebJobsStorage__*).
param name string
param location string
param tags object
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

output name string = storage.name
output deploymentContainerName string = deploymentContainer.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
