// The header that ties a sent message to its notification id, for tracing a message back to an incident.

export const NOTIFICATION_HEADER = 'X-Lifeboat-Notification';
