// Key Vault holding the database connection string; the app's identity reads it, nothing else is granted.
param location string
param tags object
param name string
param readerPrincipalId string
@secure()
param databaseConnectionString string

// Built-in role "Key Vault Secrets User".
var secretsUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-connection-string'
  properties: {
    value: databaseConnectionString
    contentType: 'Npgsql connection string'
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRoleId)
  scope: vault
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: secretsUserRoleId
  }
}

output name string = vault.name
// The versionless URI, so that a rotated secret reaches the app on its next revision without a template change.
output databaseConnectionStringSecretUri string = '${vault.properties.vaultUri}secrets/${connectionString.name}'
