// Cosmos DB for Lifeboat's own state: the account, its database and the containers the adapters use
// (docs/cosmos-data-model.md). Key authentication is off; the containers must exist before the app starts,
// because data-plane RBAC cannot create them. One write region: the correlation commit point (one incident
// per workload window) relies on conditional writes that multi-region writes would resolve by last writer.
param name string
param location string
@description('Read replica and automatic-failover target; empty: one region.')
param alternateLocation string
param tags object
param databaseName string

@description('Alerts and dead letters are kept this long (seconds); the service deletes them by TTL.')
param alertRetentionSeconds int = 7776000

@description('Database autoscale ceiling (RU/s) when the account has two regions (serverless otherwise).')
param autoscaleMaxThroughput int = 1000

var regions = empty(alternateLocation)
  ? [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
  : [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
      { locationName: alternateLocation, failoverPriority: 1, isZoneRedundant: false }
    ]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: regions
    enableAutomaticFailover: !empty(alternateLocation)
    enableMultipleWriteLocations: false
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    disableLocalAuth: true
    // Serverless accounts are single-region; with a second region the database gets autoscale throughput.
    capabilities: empty(alternateLocation) ? [{ name: 'EnableServerless' }] : []
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: empty(alternateLocation) ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }
  }
}

// id, partition key, TTL and indexing per container, as shared/adapters/cosmos/cosmosContainers.ts declares.
var containers = [
  {
    id: 'incidents'
    partitionKey: '/incidentId'
    defaultTtl: -2
    compositeIndexes: [
      [{ path: '/detectedAt', order: 'descending' }, { path: '/incidentId', order: 'descending' }]
      [{ path: '/at', order: 'ascending' }, { path: '/seq', order: 'ascending' }]
      [{ path: '/at', order: 'descending' }, { path: '/seq', order: 'descending' }]
      [{ path: '/order', order: 'ascending' }, { path: '/eventId', order: 'ascending' }]
    ]
    excludedPaths: ['/incident/*', '/step/*', '/steps/*', '/entry/*', '/event/*', '/pending/*']
  }
  {
    id: 'correlation'
    partitionKey: '/workloadId'
    defaultTtl: -2
    compositeIndexes: []
    excludedPaths: ['/alert/*', '/pending/*']
  }
  {
    id: 'alerts'
    partitionKey: '/id'
    defaultTtl: alertRetentionSeconds
    compositeIndexes: [
      [{ path: '/receivedAt', order: 'descending' }, { path: '/alertId', order: 'descending' }]
    ]
    excludedPaths: ['/alert/*']
  }
  {
    id: 'deadLetters'
    partitionKey: '/entity'
    defaultTtl: alertRetentionSeconds
    compositeIndexes: [
      [{ path: '/deadLetteredAt', order: 'descending' }, { path: '/messageId', order: 'descending' }]
    ]
    excludedPaths: ['/body/?', '/details/*']
  }
  {
    id: 'deadLetterActions'
    partitionKey: '/id'
    defaultTtl: -2
    compositeIndexes: [
      [{ path: '/at', order: 'descending' }, { path: '/id', order: 'descending' }]
    ]
    excludedPaths: ['/action/*']
  }
  {
    id: 'approvalLinks'
    partitionKey: '/incidentId'
    defaultTtl: -2
    compositeIndexes: []
    excludedPaths: []
  }
  {
    id: 'readiness'
    partitionKey: '/workloadId'
    defaultTtl: -2
    compositeIndexes: []
    excludedPaths: ['/result/*']
  }
]

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for c in containers: {
    parent: database
    name: c.id
    properties: {
      resource: union(
        {
          id: c.id
          partitionKey: { paths: [c.partitionKey], kind: 'Hash', version: 2 }
          indexingPolicy: {
            indexingMode: 'consistent'
            automatic: true
            includedPaths: [{ path: '/*' }]
            excludedPaths: concat(map(c.excludedPaths, p => { path: p }), [{ path: '/"_etag"/?' }])
            compositeIndexes: c.compositeIndexes
          }
        },
        // -2: no TTL property at all (items never expire); a number: expire after that many seconds.
        c.defaultTtl == -2 ? {} : { defaultTtl: c.defaultTtl }
      )
    }
  }
]

output name string = account.name
output endpoint string = account.properties.documentEndpoint
