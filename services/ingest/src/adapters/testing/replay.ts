import { join } from 'node:path';
// The replay server lives in libs/testing, under its own entry point so unit specs do not load the
// broker and container harness.
import { loadReplayFixture, type ReplayFixture } from '@hashdesk/testing/http-replay';

export * from '@hashdesk/testing/http-replay';

const FIXTURES = join(__dirname, '..', '__fixtures__');

/** A recorded fixture: `fixture('mempool', 'tip-height')` reads `__fixtures__/mempool/tip-height.json`. */
export function fixture(provider: string, name: string): ReplayFixture {
  return loadReplayFixture(join(FIXTURES, provider, `${name}.json`));
}

/** The JSON body of a fixture, for tests that derive expectations from the recorded data itself. */
export function fixtureJson<T = unknown>(provider: string, name: string): T {
  const loaded = fixture(provider, name);
  return (loaded.response.bodyJson ?? JSON.parse(loaded.response.body ?? 'null')) as T;
}
