// Test harness: the real stack (never a stand-in), per-test databases and namespaces, services as processes.
export * from './test-infrastructure';
export * from './test-database';
export * from './free-port';
export * from './service-process';
export * from './throwaway-kafka-broker';
export * from './webhook-receiver';
export * from './cloud-event-check';
export * from './eventually';
export * from './test-secret-keys';
export * from './test-api-keys';
export * from './otlp-receiver';
export { committedToEnd } from './consumer-watermark';
