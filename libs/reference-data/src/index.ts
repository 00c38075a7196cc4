export * from './bundled-files';
