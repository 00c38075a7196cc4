export * from './data-source.factory';
export * from './create-database.util';
