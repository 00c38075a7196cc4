export * from './config-validation.error';
export * from './load-config';
export * from './infra.env';
