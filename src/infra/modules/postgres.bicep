// Azure Database for PostgreSQL Flexible Server 15, the portal's production database (Database__Provider=Postgres).
param location string
param tags object
param name string
param databaseName string
param adminLogin string
@secure()
param adminPassword string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  // Burstable B1ms (1 vCore, 2 GiB): enough for a community portal; scale the SKU, not the code, when it grows.
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '15'
    administratorLogin: adminLogin
    administratorLoginPassword: adminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  // One change at a time: a Flexible Server refuses a second operation while it applies a configuration.
  dependsOn: [extensions]
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// The catalogue's substring search over indicator values uses pg_trgm (migration 0007 creates it); Flexible Server
// only lets a database create extensions that are allow-listed here.
resource extensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'azure.extensions'
  properties: {
    value: 'PG_TRGM'
    source: 'user-override'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's rule for "services inside Azure", which is how Consumption Container Apps reach the
// server; a private endpoint with a VNet-integrated environment is the stricter alternative.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

output host string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
