/** Kafka header names Settle sets. Opaque ids only: never personal data. */
export const HEADERS = {
  eventId: 'settle-event-id',
  eventType: 'settle-event-type',
  eventVersion: 'settle-event-version',
  tenantId: 'settle-tenant-id',
  traceparent: 'traceparent',
  contentType: 'content-type',
  // On retry and dead-letter records:
  originalTopic: 'settle-original-topic',
  originalPartition: 'settle-original-partition',
  originalOffset: 'settle-original-offset',
  consumerGroup: 'settle-consumer-group',
  attempt: 'settle-attempt',
  notBefore: 'settle-not-before',
  error: 'settle-error',
  errorKind: 'settle-error-kind',
  failedAt: 'settle-failed-at',
} as const;
