// Service Bus: the `alerts` queue (intake → correlator) and the `incident-events` topic (incident lifecycle
// events as CloudEvents). Lifeboat sends deterministic message ids, so duplicate detection is what turns a
// retried send into one message. Local (SAS) authentication is off: only the identity's roles let anyone in.
param name string
param location string
param tags object
@allowed(['Standard', 'Premium'])
param sku string

@description('How long a received message stays locked; the host renews the lock while the correlator runs.')
param alertsLockDuration string = 'PT1M'
@description('Deliveries before a message is dead-lettered (the local runtime\'s LIFEBOAT_LOCAL_MAX_DELIVERY_COUNT default).')
param alertsMaxDeliveryCount int = 10
@description('Window in which a repeated message id is dropped.')
param duplicateDetectionWindow string = 'PT10M'
@description('Subscriptions on incident-events for consumers outside Lifeboat (ITSM, chat-ops, a data lake).')
param incidentEventSubscriptions array = []

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku, tier: sku }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource alerts 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'alerts'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    lockDuration: alertsLockDuration
    maxDeliveryCount: alertsMaxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
  }
}

resource incidentEvents 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'incident-events'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
  }
}

// DR readiness changes of workloads (docs/readiness.md), apart from incident events.
resource workloadEvents 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'workload-events'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscriptionName in incidentEventSubscriptions: {
    parent: incidentEvents
    name: subscriptionName
    properties: {
      lockDuration: 'PT1M'
      maxDeliveryCount: 10
      deadLetteringOnMessageExpiration: true
    }
  }
]

output name string = namespace.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
