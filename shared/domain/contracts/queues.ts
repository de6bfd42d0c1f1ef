// Messaging entities: names shared by senders and by the triggers that read them (and by deployment).

/** Normalised alerts, one message per alert; messageId is the alert's deterministic dedup id. */
export const ALERTS_QUEUE = 'alerts';

/** The app setting that holds the Service Bus connection (`…__fullyQualifiedNamespace` in Azure). */
export const SERVICE_BUS_CONNECTION = 'ServiceBusConnection';

/** Incident lifecycle events (CloudEvents 1.0); messageId is the event's deterministic id. */
export const INCIDENT_EVENTS_TOPIC = 'incident-events';

/**
 * Workload events (CloudEvents 1.0): DR readiness changes. Apart from incident events, whose consumers read
 * every message as an incident event; messageId is the event's deterministic id.
 */
export const WORKLOAD_EVENTS_TOPIC = 'workload-events';
