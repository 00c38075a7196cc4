export * from './data-source.factory';
export * from './create-database.util';
export * from './parameter-free-logger';
export * from './lz4-compression';
