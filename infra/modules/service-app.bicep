// One ForgetCloud service (Api, DataPrep, Trainer, Evaluator) as a container app. Its environment variables are the
// ones the Aspire manifest gives the project (tests/ForgetCloud.AppHost.Tests/Deployment checks they agree: commonEnv,
// plus apiEnv for the Api), plus AZURE_CLIENT_ID (DefaultAzureCredential picks the user-assigned identity) and OTEL_SERVICE_NAME.

param name string
param environmentId string
param image string
param registryServer string
param identityId string
param identityClientId string

@description('Consumption, or gpu (the Trainer and Evaluator).')
param workloadProfileName string

@description('Ingress from outside the environment (the Api only); the others are internal.')
param external bool = false

@description('CIDR ranges allowed through external ingress; empty allows any address.')
param allowedCidrs array = []

@description('MassTransit receive queues whose depth scales this app (KEDA rabbitmq rules); none: a fixed replica count.')
param queues array = []

param minReplicas int
param maxReplicas int
param cpu string
param memory string

param redisHost string
param redisPort string
param messagingHost string
param messagingPort string
param messagingUsername string

@secure()
param redisPassword string

@secure()
param messagingPassword string

@secure()
@description('ConnectionStrings__redis: host:port,password=... (StackExchange.Redis).')
param redisConnectionString string

@secure()
param redisUri string

@secure()
@description('ConnectionStrings__messaging and MESSAGING_URI: amqp://user:password@host:port.')
param messagingUri string

@secure()
@description('The blob service endpoint: a URI, reached with the identity. A secret because the manifest declares blobs one.')
param blobs string

@secure()
@description('http://user:password@host:15672/ of the RabbitMQ management API, for the KEDA scalers.')
param managementUri string

@secure()
@description('The Api only: SHA-256 of its API key, which makes it require authentication; empty for the workers.')
param apiKeyHash string = ''

// Every service's variables; the Api adds its authentication (the Aspire manifest gives the same to the api project).
var commonEnv = [
  { name: 'OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY', value: 'in_memory' }
  { name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED', value: 'true' }
  { name: 'HTTP_PORTS', value: '8080' }
  { name: 'ConnectionStrings__redis', secretRef: 'connectionstrings-redis' }
  { name: 'REDIS_HOST', value: redisHost }
  { name: 'REDIS_PORT', value: redisPort }
  { name: 'REDIS_PASSWORD', secretRef: 'redis-password' }
  { name: 'REDIS_URI', secretRef: 'redis-uri' }
  { name: 'ConnectionStrings__messaging', secretRef: 'connectionstrings-messaging' }
  { name: 'MESSAGING_HOST', value: messagingHost }
  { name: 'MESSAGING_PORT', value: messagingPort }
  { name: 'MESSAGING_USERNAME', value: messagingUsername }
  { name: 'MESSAGING_PASSWORD', secretRef: 'messaging-password' }
  { name: 'MESSAGING_URI', secretRef: 'messaging-uri' }
  { name: 'ConnectionStrings__blobs', secretRef: 'connectionstrings-blobs' }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'OTEL_SERVICE_NAME', value: name }
]
var apiEnv = [
  { name: 'ForgetCloud__Api__Authentication__ApiKeyHashes__0', secretRef: 'api-key-hash' }
  { name: 'ForgetCloud__Api__Authentication__Required', value: 'true' }
]
var commonSecrets = [
  { name: 'connectionstrings-redis', value: redisConnectionString }
  { name: 'redis-password', value: redisPassword }
  { name: 'redis-uri', value: redisUri }
  { name: 'connectionstrings-messaging', value: messagingUri }
  { name: 'messaging-password', value: messagingPassword }
  { name: 'messaging-uri', value: messagingUri }
  { name: 'connectionstrings-blobs', value: blobs }
  { name: 'rabbitmq-management-uri', value: managementUri }
]
var isApi = !empty(apiKeyHash)

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: resourceGroup().location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
        ipSecurityRestrictions: [for (cidr, i) in allowedCidrs: {
          name: 'allow-${i}'
          ipAddressRange: cidr
          action: 'Allow'
        }]
      }
      registries: [
        { server: registryServer, identity: identityId }
      ]
      secrets: isApi ? concat(commonSecrets, [{ name: 'api-key-hash', value: apiKeyHash }]) : commonSecrets
    }
    template: {
      containers: [
        {
          name: name
          image: image
          env: isApi ? concat(commonEnv, apiEnv) : commonEnv
          resources: { cpu: json(cpu), memory: memory }
          probes: [
            // A GPU replica pulls a large image and loads CUDA before Kestrel listens: give it 10 minutes.
            { type: 'Startup', httpGet: { path: '/alive', port: 8080 }, periodSeconds: 10, failureThreshold: 60 }
            { type: 'Liveness', httpGet: { path: '/alive', port: 8080 }, periodSeconds: 30, failureThreshold: 3 }
            { type: 'Readiness', httpGet: { path: '/health', port: 8080 }, periodSeconds: 15, failureThreshold: 3 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        // One replica per message: a trainer or evaluator takes one delivery at a time (prefetch 1). The management
        // API's count includes unacknowledged deliveries, so a replica in the middle of a stage is still counted.
        rules: [for queue in queues: {
          name: queue
          custom: {
            type: 'rabbitmq'
            metadata: {
              queueName: queue
              mode: 'QueueLength'
              value: '1'
              protocol: 'http'
              vhostName: '/'
            }
            auth: [
              { secretRef: 'rabbitmq-management-uri', triggerParameter: 'host' }
            ]
          }
        }]
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
