import { AdapterExceptionCode } from '../adapter.exception';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture, fixtureJson } from '../testing/replay';
import { KrakenQuoteAdapter } from './kraken-quote.adapter';

const P = 'kraken';
const NOW = new Date('2024-12-20T14:02:27Z');

describe('KrakenQuoteAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'ticker')],
    primary: () => fixture(P, 'ticker'),
    throttled: () => fixture(P, 'ticker.429'),
    empty: () => fixture(P, 'ticker.empty'),
    malformed: () => fixture(P, 'ticker.truncated'),
    create: (server, overrides) => new KrakenQuoteAdapter({ baseUrl: server.baseUrl, ...overrides }),
  });

  describe('parsing the recorded ticker', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    afterEach(() => server.reset());
    afterAll(() => server.close());

    it('reads c[0] (last trade, a string) and times it by the response Date header', async () => {
      server.serveFixture(fixture(P, 'ticker'));

      const result = await new KrakenQuoteAdapter({ baseUrl: server.baseUrl }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.observations).toEqual([
        { kind: 'btc-price', source: 'kraken', key: 'BTC-USD', priceUsd: 97305.1, eventTime: new Date('2024-12-20T14:02:26Z') },
      ]);
      expect(server.requests[0].query).toEqual({ pair: ['XBTUSD'] });
    });

    it('treats a 200 whose error array says EAPI:Rate limit exceeded as throttling and backs off at least one interval', async () => {
      server.serveFixture(fixture(P, 'ticker.rate-limited'));
      const adapter = new KrakenQuoteAdapter({ baseUrl: server.baseUrl, random: () => 0 });

      const result = await adapter.poll(NOW);

      expect(result.outcome === 'failed' && result.error).toMatchObject({ code: AdapterExceptionCode.RATE_LIMITED, status: 200 });
      expect(result.nextPollAt.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(adapter.pollIntervalMs);
      expect(adapter.state(NOW)).toMatchObject({ consecutiveFailures: 1, backingOff: true });
    });

    it('reports any other error in the array as a provider error, with Kraken’s code', async () => {
      server.serveFixture(fixture(P, 'ticker.unknown-pair'));

      const result = await new KrakenQuoteAdapter({ baseUrl: server.baseUrl }).poll(NOW);

      expect(result.outcome === 'failed' && result.error.code).toBe(AdapterExceptionCode.PROVIDER_ERROR);
      expect(result.outcome === 'failed' && result.error.message).toContain('EQuery:Unknown asset pair');
    });

    it('falls back to the poll time, and says so, when the response has no Date header', async () => {
      server.route({ path: '/0/public/Ticker', query: { pair: 'XBTUSD' } }, { omitDate: true, bodyJson: fixtureJson(P, 'ticker') });

      const result = await new KrakenQuoteAdapter({ baseUrl: server.baseUrl }).poll(NOW);

      expect(result.observations[0].eventTime).toEqual(NOW);
      expect(result.issues).toEqual([expect.objectContaining({ message: expect.stringContaining('no Date header') })]);
    });
  });
});
