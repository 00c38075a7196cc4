import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture } from '../testing/replay';
import { CoinGeckoQuoteAdapter } from './coingecko-quote.adapter';

const P = 'coingecko';
const NOW = new Date('2024-12-20T14:02:27Z');

describe('CoinGeckoQuoteAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'simple-price')],
    primary: () => fixture(P, 'simple-price'),
    throttled: () => fixture(P, 'simple-price.429'),
    empty: () => fixture(P, 'simple-price.empty'),
    malformed: () => fixture(P, 'simple-price.truncated'),
    create: (server, overrides) => new CoinGeckoQuoteAdapter({ baseUrl: server.url('/api/v3'), apiKey: 'cg-test-key', ...overrides }),
  });

  describe('parsing the recorded price', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    afterEach(() => server.reset());
    afterAll(() => server.close());

    it('reads usd and last_updated_at (seconds) and sends the demo key header', async () => {
      server.serveFixture(fixture(P, 'simple-price'));

      const result = await new CoinGeckoQuoteAdapter({ baseUrl: server.url('/api/v3'), apiKey: 'cg-test-key' }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.observations).toEqual([
        { kind: 'btc-price', source: 'coingecko', key: 'BTC-USD', priceUsd: 97298.12, eventTime: new Date('2024-12-20T14:02:00Z') },
      ]);
      expect(server.requests[0].headers['x-cg-demo-api-key']).toBe('cg-test-key');
      expect(server.requests[0].headers['x-cg-pro-api-key']).toBeUndefined();
    });

    it('sends the pro key header on the pro plan, and no key header when keyless', async () => {
      server.serveFixture(fixture(P, 'simple-price'));

      await new CoinGeckoQuoteAdapter({ baseUrl: server.url('/api/v3'), apiKey: 'cg-pro', plan: 'pro' }).poll(NOW);
      await new CoinGeckoQuoteAdapter({ baseUrl: server.url('/api/v3') }).poll(NOW);

      expect(server.requests[0].headers['x-cg-pro-api-key']).toBe('cg-pro');
      expect(Object.keys(server.requests[1].headers).filter((name) => name.startsWith('x-cg-'))).toEqual([]);
    });

    it('reads last_updated_at given in milliseconds as the same instant', async () => {
      server.serveFixture(fixture(P, 'simple-price.ms-timestamp'));

      const result = await new CoinGeckoQuoteAdapter({ baseUrl: server.url('/api/v3') }).poll(NOW);

      expect(result.observations[0].eventTime).toEqual(new Date('2024-12-20T14:02:00Z'));
    });

    it('keeps CoinGecko’s rate-limit message in the error', async () => {
      server.serveFixture(fixture(P, 'simple-price.429'));

      const result = await new CoinGeckoQuoteAdapter({ baseUrl: server.url('/api/v3') }).poll(NOW);

      expect(result.outcome === 'failed' && result.error.message).toContain("You've exceeded the Rate Limit");
    });
  });
});
