export * from './api-key';
export * from './api-key-registry';
export * from './api-key-feed';
export * from './rate-limiter';
export * from './route-access.decorator';
export * from './request-gate.guard';
export * from './api-key-commands';
