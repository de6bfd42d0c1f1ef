// Key Vault for Lifeboat's secrets: the approval-link signing key, the intake key, operator keys, the SMTP URL
// and the Teams webhook URL, plus runbook secrets. The app reads them as Key Vault references in app settings
// (resolved by the platform as the user-assigned identity); RBAC only, no access policies.
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
