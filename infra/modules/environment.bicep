// The Container Apps environment: a Consumption profile for the Api, DataPrep, Redis and RabbitMQ, and one serverless
// GPU profile for the Trainer and Evaluator (billed per second while a replica runs; they scale to zero). Console logs go
// to Log Analytics; the managed OpenTelemetry agent forwards the services' OTLP traces and logs to Application Insights
// and sets OTEL_EXPORTER_OTLP_ENDPOINT in every container (ServiceDefaults exports only when it is set).

param location string
param namePrefix string
param workspaceName string
param appInsightsName string
param stateAccountName string
param redisShareName string
param rabbitmqShareName string

@description('Serverless GPU workload profile type of the profile named "gpu".')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource state 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: stateAccountName
}

// A preview API: appInsightsConfiguration and openTelemetryConfiguration (the managed agent) are in no stable version
// the Bicep types of CLI 0.49.2 know.
resource environment 'Microsoft.App/managedEnvironments@2025-10-02-preview' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: 'gpu'
        workloadProfileType: gpuProfileType
      }
    ]
    appInsightsConfiguration: {
      connectionString: appInsights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: ['appInsights'] }
      logsConfiguration: { destinations: ['appInsights'] }
    }
  }
}

resource redisStorage 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: environment
  name: 'redis-data'
  properties: {
    azureFile: {
      accountName: state.name
      accountKey: state.listKeys().keys[0].value
      shareName: redisShareName
      accessMode: 'ReadWrite'
    }
  }
}

resource rabbitmqStorage 'Microsoft.App/managedEnvironments/storages@2025-07-01' = {
  parent: environment
  name: 'rabbitmq-data'
  properties: {
    azureFile: {
      accountName: state.name
      accountKey: state.listKeys().keys[0].value
      shareName: rabbitmqShareName
      accessMode: 'ReadWrite'
    }
  }
}

output environmentId string = environment.id
output redisStorageName string = redisStorage.name
output rabbitmqStorageName string = rabbitmqStorage.name
