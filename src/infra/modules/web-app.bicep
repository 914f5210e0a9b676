// The portal as a Container App: one replica, external HTTPS ingress, configuration from the environment.
param location string
param tags object
param name string
param containerAppsEnvironmentId string
param identityId string
param identityClientId string
param registryLoginServer string
param databaseConnectionStringSecretUri string

@description('The image azd deployed, or empty before the first deployment.')
param image string

// Until azd pushes the real image, a public placeholder keeps the first provisioning deployable. It does not serve
// /health on port 8080, so the probes are only declared for the portal's own image.
var placeholderImage = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
var isPortalImage = !empty(image)

var probes = [
  {
    type: 'Startup'
    httpGet: {
      path: '/health'
      port: 8080
    }
    // Start-up applies migrations; give it up to five minutes on a cold server.
    periodSeconds: 10
    failureThreshold: 30
  }
  {
    type: 'Liveness'
    httpGet: {
      path: '/health'
      port: 8080
    }
    periodSeconds: 30
    failureThreshold: 3
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: containerAppsEnvironmentId
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: [
        {
          name: 'database-connection-string'
          keyVaultUrl: databaseConnectionStringSecretUri
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: isPortalImage ? image : placeholderImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: [
            { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
            { name: 'Database__Provider', value: 'Postgres' }
            // Ingress terminates TLS; the app must see the original scheme for secure cookies and redirects.
            { name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED', value: 'true' }
            { name: 'Database__ConnectionString', secretRef: 'database-connection-string' }
            // The deployment's migration step. Outside Development the portal only migrates when told to; with one
            // replica, migrating as the new revision starts is that step (EF Core holds a migration lock meanwhile).
            // An init container would not do: azd deploy swaps the main container's image only.
            { name: 'Database__MigrateOnStartup', value: 'true' }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
          ]
          probes: isPortalImage ? probes : []
        }
      ]
      // One replica: Blazor Server circuits are held in memory and the Data Protection key ring is per instance,
      // so more replicas need sticky sessions and a shared key ring first (Quartz itself is clustered already).
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

output name string = app.name
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
