// AiCtiPortal on Azure Container Apps with Azure Database for PostgreSQL (azd template; see azure.yaml).
// `azd up` creates one resource group per azd environment and everything below in it.
targetScope = 'subscription'

@minLength(1)
@maxLength(48)
@description('azd environment name; names the resource group and seeds unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource, for example westeurope.')
param location string

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'aictiadmin'

@secure()
@minLength(12)
@description('Administrator password of the PostgreSQL server (azd prompts for it and keeps it in the environment).')
param postgresAdminPassword string

@description('True once the web container app exists, so that re-provisioning keeps the image azd deployed.')
param webExists bool = false

var tags = { 'azd-env-name': environmentName }
// Globally unique names (Key Vault, registry, PostgreSQL) need a stable suffix per subscription and environment.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'aicti-resources'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    postgresAdminLogin: postgresAdminLogin
    postgresAdminPassword: postgresAdminPassword
    webExists: webExists
  }
}

// Read by azd: where to push the image and which app to deploy it to.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryLoginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = resources.outputs.containerAppsEnvironmentName
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output AZURE_POSTGRES_HOST string = resources.outputs.postgresHost
output SERVICE_WEB_NAME string = resources.outputs.webName
output SERVICE_WEB_URI string = resources.outputs.webUri
