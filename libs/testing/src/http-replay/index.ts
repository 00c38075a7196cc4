// A local HTTP server that replays recorded provider responses, for adapter tests that never reach the internet.
export * from './replay-fixture';
export * from './replay-server';
