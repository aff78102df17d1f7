// Two storage accounts with different jobs:
// - data: the one blob container ForgetCloud keeps everything in (datasets, checkpoints, reports). Shared keys are
//   off, so the only way in is Entra ID: the services' user-assigned identity holds Storage Blob Data Contributor.
// - state: Azure Files shares for the Redis and RabbitMQ volumes. The Container Apps environment mounts them with
//   the account key (Azure Files mounts in Container Apps take no managed identity), so it is kept apart from the data.

param location string
param namePrefix string

@description('Principal id of the identity the services use for blob storage.')
param blobPrincipalId string

@description('The blob container the services use (ForgetCloud:Blobs:ContainerName).')
param containerName string = 'forgetcloud'

// Storage Blob Data Contributor (built-in role).
var blobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var compactPrefix = take(toLower(replace(namePrefix, '-', '')), 6)
var suffix = uniqueString(resourceGroup().id)

resource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${compactPrefix}data${suffix}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: data
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: containerName
  properties: { publicAccess: 'None' }
}

resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(data.id, blobPrincipalId, blobDataContributorRoleId)
  scope: data
  properties: {
    principalId: blobPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributorRoleId)
  }
}

resource state 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${compactPrefix}state${suffix}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: state
  name: 'default'
}

resource redisShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: 'redis'
  properties: { shareQuota: 8 }
}

resource rabbitmqShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: 'rabbitmq'
  properties: { shareQuota: 8 }
}

@description('The blob service endpoint (https://<account>.blob.core.windows.net/): ConnectionStrings__blobs of every service.')
output blobEndpoint string = data.properties.primaryEndpoints.blob
output stateAccountName string = state.name
output redisShareName string = redisShare.name
output rabbitmqShareName string = rabbitmqShare.name
