import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANY_VALUE, HttpReplayServer, REDACTED, loadReplayFixture, matchFromFixture } from './index';

describe('HttpReplayServer', () => {
  let server: HttpReplayServer;

  beforeAll(async () => {
    server = await HttpReplayServer.start();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it('listens on 127.0.0.1 on an ephemeral port', () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).not.toMatch(/:0$/);
  });

  it('matches method, path and the exact query, and records what the client sent', async () => {
    server.route({ path: '/0/public/Ticker', query: { pair: 'XBTUSD' } }, { bodyJson: { error: [], result: {} } });

    const hit = await fetch(server.url('/0/public/Ticker?pair=XBTUSD'), { headers: { 'user-agent': 'hashdesk-test/1', 'x-api-key': 'k1' } });
    const extraParam = await fetch(server.url('/0/public/Ticker?pair=XBTUSD&extra=1'));
    const wrongMethod = await fetch(server.url('/0/public/Ticker?pair=XBTUSD'), { method: 'POST', body: 'a=1' });

    expect(hit.status).toBe(200);
    expect(hit.headers.get('content-type')).toContain('application/json');
    expect(await hit.json()).toEqual({ error: [], result: {} });
    expect(extraParam.status).toBe(404);
    expect(wrongMethod.status).toBe(404);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/0/public/Ticker', query: { pair: ['XBTUSD'] } });
    expect(server.requests[0].headers['user-agent']).toBe('hashdesk-test/1');
    expect(server.requests[0].headers['x-api-key']).toBe('k1');
    expect(server.requests[2].body).toBe('a=1');
    expect(server.unmatched()).toHaveLength(2);
  });

  it('plays a script in order and then repeats its last answer', async () => {
    server.route({ path: '/quote' }, { status: 429, headers: { 'Retry-After': '7' } }, { body: 'ok' });

    const first = await fetch(server.url('/quote'));
    const second = await fetch(server.url('/quote'));
    const third = await fetch(server.url('/quote'));

    expect([first.status, second.status, third.status]).toEqual([429, 200, 200]);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await third.text()).toBe('ok');
  });

  it('lets the route registered last win, so a test can override a default', async () => {
    server.route({ path: '/x' }, { body: 'default' });
    server.route({ path: '/x' }, { body: 'override' });

    expect(await (await fetch(server.url('/x'))).text()).toBe('override');
  });

  it('serves recorded headers such as Date instead of its own', async () => {
    server.route({ path: '/d' }, { headers: { Date: 'Mon, 25 Mar 2024 08:45:00 GMT', 'Content-Length': '999' }, body: 'abc' });

    const response = await fetch(server.url('/d'));

    expect(response.headers.get('date')).toBe('Mon, 25 Mar 2024 08:45:00 GMT');
    expect(await response.text()).toBe('abc'); // a stale recorded Content-Length is not replayed
  });

  it('can answer without a Date header', async () => {
    server.route({ path: '/nodate' }, { omitDate: true, body: 'x' });
    server.route({ path: '/date' }, { body: 'x' });

    expect((await fetch(server.url('/nodate'))).headers.get('date')).toBeNull();
    expect((await fetch(server.url('/date'))).headers.get('date')).not.toBeNull();
  });

  it('redirects with a 302 and Location', async () => {
    server.route({ path: '/old' }, { redirectTo: '/new?a=1' });
    server.route({ path: '/new', query: { a: '1' } }, { body: 'moved here' });

    const manual = await fetch(server.url('/old'), { redirect: 'manual' });
    const followed = await fetch(server.url('/old'));

    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('/new?a=1');
    expect(await followed.text()).toBe('moved here');
  });

  it('delays an answer long enough to trip a client timeout', async () => {
    server.route({ path: '/slow' }, { delayMs: 2_000, body: 'late' });

    const started = Date.now();
    await expect(fetch(server.url('/slow'), { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('drops a connection without answering', async () => {
    server.route({ path: '/reset' }, { dropConnection: true });

    await expect(fetch(server.url('/reset'))).rejects.toThrow();
  });

  it('matches repeated and redacted query parameters', async () => {
    server.route({ path: '/v2/data', query: { 'data[]': ['price', 'sales'], api_key: ANY_VALUE, start: /^\d{4}-\d{2}$/ } }, { body: 'ok' });

    const ok = await fetch(server.url('/v2/data?data[]=price&data[]=sales&api_key=secret&start=2024-06'));
    const missingKey = await fetch(server.url('/v2/data?data[]=price&data[]=sales&start=2024-06'));

    expect(ok.status).toBe(200);
    expect(missingKey.status).toBe(404);
  });

  describe('fixtures', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'replay-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('loads a fixture and serves its response for its request, any value standing in for a redacted key', async () => {
      const file = join(dir, 'quote.json');
      writeFileSync(file, JSON.stringify({
        request: { method: 'GET', url: `https://example.test/query?function=GLOBAL_QUOTE&symbol=MARA&apikey=${REDACTED}` },
        response: { status: 200, headers: { 'content-type': 'application/json' }, bodyJson: { 'Global Quote': { '05. price': '20.95' } } },
      }));
      const fixture = loadReplayFixture(file);
      server.serveFixture(fixture);

      const response = await fetch(server.url('/query?symbol=MARA&function=GLOBAL_QUOTE&apikey=TEST'));

      expect(matchFromFixture(fixture)).toMatchObject({ method: 'GET', path: '/query', query: { apikey: ANY_VALUE } });
      expect(await response.json()).toEqual({ 'Global Quote': { '05. price': '20.95' } });
      expect(server.requests[0].query.apikey).toEqual(['TEST']);
    });

    it('refuses a fixture without a request URL, naming the file', () => {
      const file = join(dir, 'broken.json');
      writeFileSync(file, JSON.stringify({ response: { status: 200 } }));

      expect(() => loadReplayFixture(file)).toThrow(/broken\.json: request\.method and request\.url are required/);
    });
  });
});
