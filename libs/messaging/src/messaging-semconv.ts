/**
 * The OpenTelemetry messaging semantic conventions this library's spans use. They live in the
 * `@opentelemetry/semantic-conventions/incubating` entry point, which the package asks users to copy
 * rather than import (its names may change in a minor release), and which TypeScript's `node`
 * module resolution of this repo cannot see. messaging-semconv.spec.ts checks every value against
 * the installed package, so a drift fails the unit tests.
 */
export const ATTR_MESSAGING_SYSTEM = 'messaging.system' as const;
export const MESSAGING_SYSTEM_VALUE_KAFKA = 'kafka' as const;
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name' as const;
export const ATTR_MESSAGING_DESTINATION_TEMPLATE = 'messaging.destination.template' as const;
export const ATTR_MESSAGING_DESTINATION_PARTITION_ID = 'messaging.destination.partition.id' as const;
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name' as const;
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type' as const;
export const MESSAGING_OPERATION_TYPE_VALUE_CREATE = 'create' as const;
export const MESSAGING_OPERATION_TYPE_VALUE_SEND = 'send' as const;
export const MESSAGING_OPERATION_TYPE_VALUE_PROCESS = 'process' as const;
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = 'messaging.consumer.group.name' as const;
export const ATTR_MESSAGING_KAFKA_OFFSET = 'messaging.kafka.offset' as const;
export const ATTR_MESSAGING_KAFKA_MESSAGE_KEY = 'messaging.kafka.message.key' as const;
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id' as const;
export const ATTR_MESSAGING_BATCH_MESSAGE_COUNT = 'messaging.batch.message_count' as const;
