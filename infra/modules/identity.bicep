// The user-assigned identity the Function App runs as: every data-plane call (Storage, Service Bus, Cosmos DB,
// Key Vault references, Application Insights ingestion) authenticates as it; no keys or connection strings.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
