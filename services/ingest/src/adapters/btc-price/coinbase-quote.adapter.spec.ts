import { AdapterExceptionCode } from '../adapter.exception';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture } from '../testing/replay';
import { CoinbaseQuoteAdapter } from './coinbase-quote.adapter';

const P = 'coinbase';
const NOW = new Date('2024-12-20T14:02:27Z');

describe('CoinbaseQuoteAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'ticker')],
    primary: () => fixture(P, 'ticker'),
    throttled: () => fixture(P, 'ticker.429'),
    empty: () => fixture(P, 'ticker.empty'),
    malformed: () => fixture(P, 'ticker.html'),
    create: (server, overrides) => new CoinbaseQuoteAdapter({ baseUrl: server.baseUrl, ...overrides }),
  });

  describe('parsing the recorded ticker', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    afterEach(() => server.reset());
    afterAll(() => server.close());

    it('reads the price string as USD and the ticker time (microseconds truncated) as the event time', async () => {
      server.serveFixture(fixture(P, 'ticker'));

      const result = await new CoinbaseQuoteAdapter({ baseUrl: server.baseUrl }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.observations).toEqual([
        { kind: 'btc-price', source: 'coinbase', key: 'BTC-USD', priceUsd: 97312.45, eventTime: new Date('2024-12-20T14:02:25.417Z') },
      ]);
    });

    it('refuses a price with a thousands separator, naming the field, rather than emit NaN', async () => {
      server.serveFixture(fixture(P, 'ticker.bad-price'));

      const result = await new CoinbaseQuoteAdapter({ baseUrl: server.baseUrl }).poll(NOW);

      expect(result.outcome === 'failed' && result.error).toMatchObject({ code: AdapterExceptionCode.INVALID_FIELD, field: 'price' });
      expect(result.observations).toEqual([]);
    });
  });
});
