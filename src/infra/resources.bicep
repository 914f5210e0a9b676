// Everything in the environment's resource group, wired together.
param location string
param tags object
param resourceToken string
param postgresAdminLogin string
@secure()
param postgresAdminPassword string
param webExists bool

var webAppName = 'ca-web-${resourceToken}'

// One identity for the app: pulls its image and reads its secret; no registry passwords, no secrets in settings.
resource webIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-web-${resourceToken}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    name: 'log-${resourceToken}'
  }
}

module environment 'modules/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  params: {
    location: location
    tags: tags
    name: 'cae-${resourceToken}'
    logAnalyticsWorkspaceName: monitoring.outputs.name
  }
}

module registry 'modules/container-registry.bicep' = {
  name: 'container-registry'
  params: {
    location: location
    tags: tags
    name: 'cr${resourceToken}'
    pullPrincipalId: webIdentity.properties.principalId
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    tags: tags
    name: 'psql-${resourceToken}'
    databaseName: 'aicti'
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPassword
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    location: location
    tags: tags
    name: 'kv-${resourceToken}'
    readerPrincipalId: webIdentity.properties.principalId
    databaseConnectionString: 'Host=${postgres.outputs.host};Port=5432;Database=aicti;Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
  }
}

module webImage 'modules/fetch-container-image.bicep' = {
  name: 'web-image'
  params: {
    exists: webExists
    name: webAppName
  }
}

// Using the registry's and the vault's outputs makes the app wait for both modules, role assignments included:
// a revision started before its identity may pull and read would fail.
module web 'modules/web-app.bicep' = {
  name: 'web-app'
  params: {
    location: location
    tags: tags
    name: webAppName
    containerAppsEnvironmentId: environment.outputs.id
    identityId: webIdentity.id
    identityClientId: webIdentity.properties.clientId
    registryLoginServer: registry.outputs.loginServer
    databaseConnectionStringSecretUri: keyVault.outputs.databaseConnectionStringSecretUri
    image: webImage.outputs.image
  }
}

output registryLoginServer string = registry.outputs.loginServer
output containerAppsEnvironmentName string = environment.outputs.name
output keyVaultName string = keyVault.outputs.name
output postgresHost string = postgres.outputs.host
output webName string = web.outputs.name
output webUri string = web.outputs.uri
