// Redis (run state) as a container app, as the Aspire manifest publishes it: password, RDB snapshot every 60 s after
// any change, /data on an Azure Files share so run state survives restarts. One replica: it is the only copy.

param environmentId string
param storageName string

@secure()
param password string

@description('Aspire publishes docker.io/library/redis:8.6 (Aspire.Hosting.Redis 13.6.5).')
param image string = 'docker.io/library/redis:8.6'

resource redis 'Microsoft.App/containerApps@2025-07-01' = {
  name: 'redis'
  location: resourceGroup().location
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        transport: 'tcp'
        targetPort: 6379
        exposedPort: 6379
      }
      secrets: [
        { name: 'redis-password', value: password }
      ]
    }
    template: {
      containers: [
        {
          name: 'redis'
          image: image
          command: ['/bin/sh']
          args: ['-c', 'redis-server --requirepass $REDIS_PASSWORD --save 60 1']
          env: [
            { name: 'REDIS_PASSWORD', secretRef: 'redis-password' }
          ]
          resources: { cpu: json('0.5'), memory: '1Gi' }
          volumeMounts: [
            { volumeName: 'data', mountPath: '/data' }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 1 }
      volumes: [
        // The image's redis user (uid 999) owns the SMB mount.
        { name: 'data', storageType: 'AzureFile', storageName: storageName, mountOptions: 'uid=999,gid=999,dir_mode=0750,file_mode=0640' }
      ]
    }
  }
}

output name string = redis.name
