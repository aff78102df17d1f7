// ForgetCloud on Azure Container Apps: the Aspire composition (Redis, RabbitMQ, blob storage, Api, DataPrep, Trainer,
// Evaluator) with the Trainer and Evaluator on a serverless GPU workload profile, each scaling from zero on its queue.
// Deploy (docs/infrastructure.md): az deployment group create -g <rg> -f infra/main.bicep -p registryName=... ...

targetScope = 'resourceGroup'

@description('Region of every resource; the GPU profile must be offered there (e.g. swedencentral, westus3, australiaeast).')
param location string = resourceGroup().location

@description('Prefix of resource names (storage accounts take its first 6 letters and digits).')
@minLength(3)
param namePrefix string = 'forgetcloud'

@description('Serverless GPU of the Trainer and Evaluator: T4 (16 GB, fp32 only) or A100 (80 GB, bf16).')
@allowed([
  'T4'
  'A100'
])
param gpu string = 'T4'

@description('An Azure Container Registry in this resource group holding the images (docs/infrastructure.md builds them with az acr build).')
param registryName string

@description('Tag of the four images; the Trainer and Evaluator use <tag>-cuda (built with TORCH_BACKEND=cuda).')
param imageTag string = 'latest'

@description('CIDR ranges that may call the Api (on top of its API key); ["0.0.0.0/0"] lets every address try.')
@minLength(1)
param apiAllowedCidrs array

@description('At most this many GPU trainers train stages at the same time.')
@minValue(1)
param trainerMaxReplicas int = 4

@minValue(1)
param evaluatorMaxReplicas int = 2

@description('0 scales the GPU apps to zero; 1 once at the first deployment lets them declare their queues (docs/infrastructure.md).')
@minValue(0)
param workerMinReplicas int = 0

@secure()
@description('Redis password (Aspire: the redis-password parameter).')
param redisPassword string

@secure()
@description('RabbitMQ password of the guest user (Aspire: the messaging-password parameter).')
param messagingPassword string

@secure()
@description('SHA-256 (64 hex characters) of the key clients send to the Api (Aspire: the api-key-hash parameter): printf %s "$KEY" | sha256sum. Never the key itself.')
@minLength(64)
@maxLength(64)
param apiKeyHash string

// Per replica on the serverless GPU profiles: the whole GPU and the profile's share of its host.
var gpuProfiles = {
  T4: { type: 'Consumption-GPU-NC8as-T4', cpu: '8', memory: '56Gi' }
  A100: { type: 'Consumption-GPU-NC24-A100', cpu: '24', memory: '220Gi' }
}
var redisHost = 'redis'
var redisPort = '6379'
var messagingHost = 'messaging'
var messagingPort = '5672'
var messagingUsername = 'guest'
var redisConnectionString = '${redisHost}:${redisPort},password=${redisPassword}'
var redisUri = 'redis://:${uriComponent(redisPassword)}@${redisHost}:${redisPort}'
var messagingUri = 'amqp://${messagingUsername}:${uriComponent(messagingPassword)}@${messagingHost}:${messagingPort}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-services'
  location: location
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    namePrefix: namePrefix
    blobPrincipalId: identity.properties.principalId
  }
}

module registry 'modules/registry-access.bicep' = {
  name: 'registry-access'
  params: {
    registryName: registryName
    principalId: identity.properties.principalId
  }
}

module environment 'modules/environment.bicep' = {
  name: 'environment'
  params: {
    location: location
    namePrefix: namePrefix
    gpuProfileType: gpuProfiles[gpu].type
    workspaceName: monitoring.outputs.workspaceName
    appInsightsName: monitoring.outputs.appInsightsName
    stateAccountName: storage.outputs.stateAccountName
    redisShareName: storage.outputs.redisShareName
    rabbitmqShareName: storage.outputs.rabbitmqShareName
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    environmentId: environment.outputs.environmentId
    storageName: environment.outputs.redisStorageName
    password: redisPassword
  }
}

module messaging 'modules/rabbitmq.bicep' = {
  name: 'messaging'
  params: {
    environmentId: environment.outputs.environmentId
    storageName: environment.outputs.rabbitmqStorageName
    password: messagingPassword
  }
}

// KEDA reads queue depths from the management API: unacknowledged deliveries (stages in progress) count too.
var managementUri = 'http://${messagingUsername}:${uriComponent(messagingPassword)}@${messaging.outputs.managementHost}/'

// The one app reachable from outside, and only from apiAllowedCidrs.
module api 'modules/service-app.bicep' = {
  name: 'api'
  params: {
    name: 'api'
    image: '${registry.outputs.loginServer}/forgetcloud-api:${imageTag}'
    workloadProfileName: 'Consumption'
    external: true
    allowedCidrs: apiAllowedCidrs
    queues: []
    minReplicas: 1
    maxReplicas: 1
    cpu: '1'
    memory: '2Gi'
    environmentId: environment.outputs.environmentId
    registryServer: registry.outputs.loginServer
    identityId: identity.id
    identityClientId: identity.properties.clientId
    redisHost: redisHost
    redisPort: redisPort
    messagingHost: messagingHost
    messagingPort: messagingPort
    messagingUsername: messagingUsername
    redisPassword: redisPassword
    redisConnectionString: redisConnectionString
    redisUri: redisUri
    messagingPassword: messagingPassword
    messagingUri: messagingUri
    blobs: storage.outputs.blobEndpoint
    managementUri: managementUri
    apiKeyHash: apiKeyHash
  }
}

// Tokenizes on CPU; parts are shared across runs, so one replica is enough.
module dataprep 'modules/service-app.bicep' = {
  name: 'dataprep'
  params: {
    name: 'dataprep'
    image: '${registry.outputs.loginServer}/forgetcloud-dataprep:${imageTag}'
    workloadProfileName: 'Consumption'
    queues: ['prepare-datasets']
    minReplicas: 0
    maxReplicas: 1
    cpu: '2'
    memory: '4Gi'
    environmentId: environment.outputs.environmentId
    registryServer: registry.outputs.loginServer
    identityId: identity.id
    identityClientId: identity.properties.clientId
    redisHost: redisHost
    redisPort: redisPort
    messagingHost: messagingHost
    messagingPort: messagingPort
    messagingUsername: messagingUsername
    redisPassword: redisPassword
    redisConnectionString: redisConnectionString
    redisUri: redisUri
    messagingPassword: messagingPassword
    messagingUri: messagingUri
    blobs: storage.outputs.blobEndpoint
    managementUri: managementUri
  }
}

// One stage per replica on its own GPU: N queued or running stages, N replicas (up to the maximum).
module trainer 'modules/service-app.bicep' = {
  name: 'trainer'
  params: {
    name: 'trainer'
    image: '${registry.outputs.loginServer}/forgetcloud-trainer:${imageTag}-cuda'
    workloadProfileName: 'gpu'
    queues: ['train-stage']
    minReplicas: workerMinReplicas
    maxReplicas: trainerMaxReplicas
    cpu: gpuProfiles[gpu].cpu
    memory: gpuProfiles[gpu].memory
    environmentId: environment.outputs.environmentId
    registryServer: registry.outputs.loginServer
    identityId: identity.id
    identityClientId: identity.properties.clientId
    redisHost: redisHost
    redisPort: redisPort
    messagingHost: messagingHost
    messagingPort: messagingPort
    messagingUsername: messagingUsername
    redisPassword: redisPassword
    redisConnectionString: redisConnectionString
    redisUri: redisUri
    messagingPassword: messagingPassword
    messagingUri: messagingUri
    blobs: storage.outputs.blobEndpoint
    managementUri: managementUri
  }
}

module evaluator 'modules/service-app.bicep' = {
  name: 'evaluator'
  params: {
    name: 'evaluator'
    image: '${registry.outputs.loginServer}/forgetcloud-evaluator:${imageTag}-cuda'
    workloadProfileName: 'gpu'
    queues: ['evaluate-checkpoint', 'analyze-study']
    minReplicas: workerMinReplicas
    maxReplicas: evaluatorMaxReplicas
    cpu: gpuProfiles[gpu].cpu
    memory: gpuProfiles[gpu].memory
    environmentId: environment.outputs.environmentId
    registryServer: registry.outputs.loginServer
    identityId: identity.id
    identityClientId: identity.properties.clientId
    redisHost: redisHost
    redisPort: redisPort
    messagingHost: messagingHost
    messagingPort: messagingPort
    messagingUsername: messagingUsername
    redisPassword: redisPassword
    redisConnectionString: redisConnectionString
    redisUri: redisUri
    messagingPassword: messagingPassword
    messagingUri: messagingUri
    blobs: storage.outputs.blobEndpoint
    managementUri: managementUri
  }
}

output apiUrl string = 'https://${api.outputs.fqdn}'
output blobEndpoint string = storage.outputs.blobEndpoint
output identityClientId string = identity.properties.clientId
