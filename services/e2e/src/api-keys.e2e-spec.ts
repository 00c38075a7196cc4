import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Topics } from '@hashdesk/contracts';
import { issueApiKey, revokeApiKey, type ApiScope } from '@hashdesk/platform';
import { eventually, TEST_ADMIN_HEADERS } from '@hashdesk/testing';
import { seedCompanyProfiles } from './seed-company-profiles';
import { Stack } from './stack';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const KEY_LIMIT_PER_MINUTE = 8;

/**
 * Writes need an API key with the right scope, keys issued by the operator's command reach every
 * service over identity.api-key.changed.v1, watchlists belong to their owner, and callers are
 * rate-limited in Redis — all against the real broker, PostgreSQL and Redis.
 */
describe('API keys, scopes, ownership and rate limits', () => {
  const stack = new Stack('api-keys', { HASHDESK_RATE_LIMIT_PER_MINUTE_KEY: String(KEY_LIMIT_PER_MINUTE) });
  const keys: Record<string, string> = {};
  const issue = async (owner: string, scopes: ApiScope[]) => (await issueApiKey(stack.kafka, stack.namespace, owner, scopes)).key;
  const call = async (service: 'ingest' | 'risk', method: string, path: string, body?: unknown, key?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) };
    const response = await fetch(`${stack.service(service).url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  const price = (priceUsd: number, second: number) => ({ priceUsd, observedAt: `2025-12-29T00:00:${String(second).padStart(2, '0')}Z` });

  beforeAll(async () => {
    await stack.prepare();
    // Issued before the services start: a service answers nothing before it has read every key.
    keys.ingest = await issue('pipeline-a', ['ingest:write']);
    keys.deskA = await issue('desk-a', ['risk:write']);
    keys.deskB = await issue('desk-b', ['risk:write']);
    await stack.start('ingest', 'risk');
    await seedCompanyProfiles(stack, ['RIOT']);
  }, 180_000);
  afterAll(() => stack.stopAll());

  it('refuses a write without a key (401) or with an unknown key (401), publishes nothing for them, and accepts the same write with an ingest:write key', async () => {
    const probe = await stack.probe(Topics.priceObserved);
    const anonymous = await call('ingest', 'POST', '/v1/observations/btc-price', price(87_000, 1));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'API_KEY_REQUIRED', message: expect.stringContaining('ingest:write') });
    const unknown = await call('ingest', 'POST', '/v1/observations/btc-price', price(87_001, 2), 'hdk_not-a-key');
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('API_KEY_INVALID');
    const accepted = await call('ingest', 'POST', '/v1/observations/btc-price', price(87_002, 3), keys.ingest);
    expect(accepted.status).toBe(202);
    // The accepted write is the watermark: had either refused one been published, it would precede it.
    const events = await probe.waitFor((e) => e.some((x) => x.message.priceUsd === 87_002), 30_000, 'the accepted price');
    expect(events.map((e) => e.message.priceUsd)).toEqual([87_002]);
  });

  it('refuses a key without the scope (403, naming the scope it lacks)', async () => {
    const wrongScope = await call('ingest', 'POST', '/v1/observations/btc-price', price(87_003, 4), keys.deskA);
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.body).toMatchObject({ code: 'SCOPE_MISSING', message: expect.stringContaining('ingest:write') });
  });

  it('keeps reads open by default, but a watchlist needs a key even to read', async () => {
    expect((await call('risk', 'GET', '/v1/alerts')).status).toBe(200);
    const anonymous = await call('risk', 'GET', '/v1/risk/watchlist');
    expect(anonymous.status).toBe(401);
  });

  it('gives each owner its own watchlist: another desk neither sees, changes nor deletes it; an admin key sees all', async () => {
    const entry = await call('risk', 'POST', '/v1/risk/watchlist', { ticker: 'RIOT', note: 'desk a' }, keys.deskA);
    expect(entry.status).toBe(201);
    expect(entry.body.owner).toBe('desk-a');
    const id = entry.body.entryId as string;

    expect((await call('risk', 'GET', '/v1/risk/watchlist', undefined, keys.deskB)).body).toEqual([]);
    expect((await call('risk', 'GET', `/v1/risk/watchlist/${id}`, undefined, keys.deskB)).status).toBe(404);
    expect((await call('risk', 'PATCH', `/v1/risk/watchlist/${id}`, { note: 'taken' }, keys.deskB)).status).toBe(404);
    expect((await call('risk', 'POST', `/v1/risk/watchlist/${id}/lines`, { kind: 'trailing', trailRatio: 0.1 }, keys.deskB)).status).toBe(404);
    expect((await call('risk', 'DELETE', `/v1/risk/watchlist/${id}`, undefined, keys.deskB)).status).toBe(404);

    const own = await call('risk', 'GET', '/v1/risk/watchlist', undefined, keys.deskA);
    expect(own.body.map((e: { entryId: string; note: string }) => [e.entryId, e.note])).toEqual([[id, 'desk a']]);
    const admin = await call('risk', 'GET', '/v1/risk/watchlist', undefined, TEST_ADMIN_HEADERS['x-api-key']);
    expect(admin.body.map((e: { entryId: string }) => e.entryId)).toContain(id);
    expect((await call('risk', 'DELETE', `/v1/risk/watchlist/${id}`, undefined, keys.deskA)).status).toBe(204);
  });

  it('accepts a key issued while the services run, and refuses it once revoked', async () => {
    const { key, keyId } = await issueApiKey(stack.kafka, stack.namespace, 'late-desk', ['risk:write']);
    const status = async () => (await call('risk', 'GET', '/v1/risk/watchlist', undefined, key)).status;
    expect(await eventually('the new key to be accepted', status, (s) => s === 200, 15_000)).toBe(200);
    expect(await revokeApiKey(stack.kafka, stack.namespace, keyId)).toBe(true);
    expect(await eventually('the revoked key to be refused', status, (s) => s === 401, 15_000)).toBe(401);
  });

  it('answers 429 with Retry-After once a key passes its limit per minute, and counts each key apart', async () => {
    const key = await issue('busy-desk', ['risk:write']);
    await eventually('the new key to be accepted', async () => (await call('risk', 'GET', '/v1/alerts', undefined, key)).status, (s) => s === 200, 15_000);
    const answers = [];
    for (let i = 0; i < KEY_LIMIT_PER_MINUTE + 2; i++) answers.push(await call('risk', 'GET', '/v1/alerts', undefined, key));
    const statuses = answers.map((a) => a.status);
    const last = answers[answers.length - 1];
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThan(KEY_LIMIT_PER_MINUTE);
    expect(last.status).toBe(429);
    expect(last.body.code).toBe('RATE_LIMITED');
    const retryAfterSeconds = Number(last.headers.get('retry-after'));
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key is not slowed by this one.
    expect((await call('risk', 'GET', '/v1/alerts', undefined, keys.deskB)).status).toBe(200);
  });

  it('declares the api-key scheme on every write in the OpenAPI document', async () => {
    const document = (await (await fetch(`${stack.service('ingest').url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.components.securitySchemes['api-key']).toBeDefined();
    const writes = Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([method]) => method === 'post').map(([, op]) => [path, op.security] as const));
    expect(writes.length).toBeGreaterThan(3);
    for (const [path, security] of writes) expect({ path, security }).toEqual({ path, security: [{ 'api-key': [] }] });
  });

  it('the key command refuses a bad flag with exit 2 naming it', () => {
    const run = spawnSync(process.execPath, ['-r', './scripts/register.js', 'tools/scripts/api-keys.ts', 'create', '--owner', 'x', '--scopes', 'ingest:everything'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--scopes');
  });
});
