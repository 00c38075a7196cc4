import { AdapterExceptionCode } from '../adapter.exception';
import { HttpReplayServer } from '../testing/replay';
import { HttpClient, parseRetryAfter } from './http-client';

describe('HttpClient', () => {
  let server: HttpReplayServer;
  let other: HttpReplayServer;
  beforeAll(async () => {
    server = await HttpReplayServer.start();
    other = await HttpReplayServer.start();
  });
  afterEach(() => {
    server.reset();
    other.reset();
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
    new HttpClient({ baseUrl: server.url('/api/'), timeoutMs: 1_000, userAgent: 'ua-test/1', ...extra });

  it('joins the base path and the request path, and encodes repeated query parameters', async () => {
    server.route({ path: '/api/v2/data/', query: { 'facets[stateid][]': ['TX', 'ND'], length: '4' } }, { body: 'ok' });

    const response = await client().getText('/v2/data/', { 'facets[stateid][]': ['TX', 'ND'], length: 4, skipped: undefined });

    expect(response.body).toBe('ok');
    expect(server.requests[0].headers['user-agent']).toBe('ua-test/1');
  });

  it('follows at most maxRedirects redirects', async () => {
    server.route({ path: '/api/loop' }, { redirectTo: '/api/loop' });

    await expect(client({ maxRedirects: 3 }).getText('loop')).rejects.toMatchObject({ code: AdapterExceptionCode.REDIRECT });
    expect(server.requests).toHaveLength(4);
  });

  it('drops credential headers when a redirect leaves the origin, keeps them on the same origin', async () => {
    server.route({ path: '/api/same' }, { redirectTo: '/api/target' });
    server.route({ path: '/api/target' }, { body: 'same origin' });
    server.route({ path: '/api/away' }, { redirectTo: other.url('/elsewhere') });
    other.route({ path: '/elsewhere' }, { body: 'other origin' });
    const http = client({ headers: { 'X-Api-Key': 'secret' }, secretHeaders: ['x-api-key'] });

    await http.send({ path: 'same', headers: { Authorization: 'Bearer t' } });
    await http.send({ path: 'away', headers: { Authorization: 'Bearer t' } });

    expect(server.requestsTo('/api/target')[0].headers).toMatchObject({ 'x-api-key': 'secret', authorization: 'Bearer t' });
    expect(other.requests[0].headers['x-api-key']).toBeUndefined();
    expect(other.requests[0].headers.authorization).toBeUndefined();
    expect(other.requests[0].headers['user-agent']).toBe('ua-test/1');
  });

  it('turns a 303 after a POST into a GET without the body', async () => {
    server.route({ method: 'POST', path: '/api/form' }, { status: 303, redirectTo: '/api/result' });
    server.route({ method: 'GET', path: '/api/result' }, { body: 'done' });

    const response = await client().send({ method: 'POST', path: 'form', body: 'a=1' });

    expect(response.body).toBe('done');
    expect(server.requestsTo('/api/result')[0]).toMatchObject({ method: 'GET', body: '' });
  });

  it('classifies statuses and keeps the provider’s Retry-After', async () => {
    server.route({ path: '/api/throttled' }, { status: 429, headers: { 'Retry-After': '17' }, body: 'slow down' });
    server.route({ path: '/api/down' }, { status: 503, headers: { 'Retry-After': '5' } });
    server.route({ path: '/api/gone' }, { status: 410, body: 'gone' });

    await expect(client().getText('throttled')).rejects.toMatchObject({ code: AdapterExceptionCode.RATE_LIMITED, status: 429, retryAfterMs: 17_000 });
    await expect(client().getText('down')).rejects.toMatchObject({ code: AdapterExceptionCode.SERVER_ERROR, status: 503, retryAfterMs: 5_000 });
    await expect(client().getText('gone')).rejects.toMatchObject({ code: AdapterExceptionCode.HTTP_ERROR, status: 410 });
  });

  it('redacts credential query parameters in every URL it reports', async () => {
    server.route({ path: '/api/q' }, { status: 500 });

    const error = await client({ secretQueryParams: ['apikey'] }).getText('q', { apikey: 'top-secret', symbol: 'MARA' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: AdapterExceptionCode.SERVER_ERROR, url: expect.stringContaining('apikey=REDACTED') });
    expect(JSON.stringify({ message: (error as Error).message, url: (error as { url: string }).url })).not.toContain('top-secret');
  });

  it('parses JSON strictly: empty → EMPTY_RESPONSE, invalid → MALFORMED_BODY', async () => {
    server.route({ path: '/api/empty' }, { body: '  ' });
    server.route({ path: '/api/bad' }, { body: '{"a":' });

    await expect(client().getJson('empty')).rejects.toMatchObject({ code: AdapterExceptionCode.EMPTY_RESPONSE });
    await expect(client().getJson('bad')).rejects.toMatchObject({ code: AdapterExceptionCode.MALFORMED_BODY });
  });

  it('times out a body that never finishes', async () => {
    server.route({ path: '/api/slow' }, { delayMs: 2_000, body: 'late' });

    await expect(client({ timeoutMs: 100 }).getText('slow')).rejects.toMatchObject({ code: AdapterExceptionCode.TIMEOUT });
  });

  it('reports a refused connection as NETWORK', async () => {
    const closed = await HttpReplayServer.start();
    const url = closed.baseUrl;
    await closed.close();

    await expect(new HttpClient({ baseUrl: url, timeoutMs: 1_000, userAgent: 'ua' }).getText('x')).rejects.toMatchObject({ code: AdapterExceptionCode.NETWORK });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates (against the provider’s clock)', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Fri, 20 Dec 2024 14:03:27 GMT', new Date('2024-12-20T14:02:27Z'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
