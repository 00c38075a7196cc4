import { join } from 'node:path';
// The replay server lives in libs/testing. Until its index exports it (`@hashdesk/testing`) and the
// lint rules let service specs use the testing lib, the adapter specs reach it here, in one place,
// so switching to the alias is a two-line change.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test support only; replace with '@hashdesk/testing' once exported
import { loadReplayFixture, type ReplayFixture } from '../../../../../libs/testing/src/http-replay';

// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
export * from '../../../../../libs/testing/src/http-replay';

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
