// RabbitMQ (the MassTransit broker) as a container app, as the Aspire manifest publishes it: the management image
// (the KEDA scalers read queue depths, unacknowledged deliveries included, from its HTTP API), consumer_timeout 7
// days (a trainer holds its TrainStage delivery for the whole stage), /var/lib/rabbitmq on an Azure Files share.

param environmentId string
param storageName string

@secure()
param password string

@description('Aspire publishes docker.io/library/rabbitmq:4.3-management (Aspire.Hosting.RabbitMQ 13.6.5 with the management plugin).')
param image string = 'docker.io/library/rabbitmq:4.3-management'

resource rabbitmq 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'messaging'
  location: resourceGroup().location
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        transport: 'tcp'
        targetPort: 5672
        exposedPort: 5672
        additionalPortMappings: [
          { external: false, targetPort: 15672, exposedPort: 15672 }
        ]
      }
      secrets: [
        { name: 'messaging-password', value: password }
      ]
    }
    template: {
      containers: [
        {
          name: 'messaging'
          image: image
          env: [
            { name: 'RABBITMQ_DEFAULT_USER', value: 'guest' }
            { name: 'RABBITMQ_DEFAULT_PASS', secretRef: 'messaging-password' }
            { name: 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', value: '-rabbit consumer_timeout 604800000' }
            { name: 'RABBITMQ_NODENAME', value: 'rabbit@localhost' }
          ]
          resources: { cpu: json('1'), memory: '2Gi' }
          volumeMounts: [
            { volumeName: 'data', mountPath: '/var/lib/rabbitmq' }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 1 }
      volumes: [
        // Erlang refuses a cookie file others can read: owner-only modes for the image's rabbitmq user (uid 999).
        { name: 'data', storageType: 'AzureFile', storageName: storageName, mountOptions: 'uid=999,gid=999,dir_mode=0700,file_mode=0600,nobrl' }
      ]
    }
  }
}

output name string = rabbitmq.name
@description('Where the KEDA scalers reach the management API.')
output managementHost string = '${rabbitmq.properties.configuration.ingress.fqdn}:15672'
