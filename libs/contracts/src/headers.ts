/**
 * Message headers. Event metadata follows the CloudEvents Kafka protocol binding (binary mode:
 * `ce_` prefixed attributes, the payload is the protobuf bytes), plus W3C trace context.
 */
export const Headers = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';

/** Headers a dead-letter record carries besides the original ones (docs/code-style.md §4, point 6). */
export const DeadLetterHeaders = {
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  consumerGroup: 'x-consumer-group',
  attempts: 'x-attempts',
  errorCode: 'x-error-code',
  errorMessage: 'x-error-message',
  failedAt: 'x-failed-at',
} as const;
