// Cosmos DB Built-in Data Contributor for the app's identity: a data-plane role assignment on the account
// (sqlRoleAssignments), not an Azure RBAC one — Cosmos DB evaluates it itself. Read and write items; it does
// not allow creating databases or containers, which the templates create.
param accountName string
param principalId string

var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: accountName
}

resource assignment 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: principalId
    scope: account.id
  }
}
