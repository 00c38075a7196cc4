// Shared NestJS bones of the four services (type:infra): one module, one bootstrap, one health check.
export * from './platform.tokens';
export * from './platform.options';
export * from './platform.module';
export * from './platform-lifecycle.service';
export * from './health/readiness.registry';
export * from './http/validation.pipe';
export * from './bootstrap';
export * from './wait-for.util';
export * from './http/decimal-number.transform';
export * from './http/input-shape.pipe';
export * from './http/uuid-param.pipe';
export * from './http/request-edge.middleware';
export * from './auth';
export * from './http/content-type.guard';
export * from './http/tabular-output';
