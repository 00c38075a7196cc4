import { AdapterExceptionCode } from '../adapter.exception';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { ANY_VALUE, HttpReplayServer, fixture, fixtureJson } from '../testing/replay';
import { FinnhubQuoteAdapter } from './finnhub-quote.adapter';

const P = 'finnhub';
const NOW = new Date('2024-12-20T22:00:00Z');
const KEY = 'fh-test-key';

describe('FinnhubQuoteAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'quote-mara')],
    primary: () => fixture(P, 'quote-mara'),
    throttled: () => fixture(P, 'quote-mara.429'),
    empty: () => fixture(P, 'quote-mara.unknown'),
    malformed: () => fixture(P, 'quote-mara.truncated'),
    expectedCodes: { empty: AdapterExceptionCode.UNKNOWN_SYMBOL },
    create: (server, overrides) => new FinnhubQuoteAdapter({ baseUrl: server.url('/api/v1'), apiKey: KEY, tickers: ['MARA'], ...overrides }),
  });

  describe('parsing the recorded quotes', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      for (const name of ['quote-mara', 'quote-riot', 'quote-zzzz.unknown']) server.serveFixture(fixture(P, name));
    });
    afterAll(() => server.close());

    it('reads c, pc, dp (a percent) and t (seconds), sending the key as X-Finnhub-Token, not in the URL', async () => {
      const result = await new FinnhubQuoteAdapter({ baseUrl: server.url('/api/v1'), apiKey: KEY, tickers: ['MARA'] }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.observations).toEqual([{
        kind: 'equity-quote', source: 'finnhub', key: 'MARA', eventTime: new Date('2024-12-20T21:00:00Z'),
        priceUsd: 22.98, previousCloseUsd: 21.89, changePct: 4.9794, tradingDay: null,
      }]);
      expect(server.requests[0].headers['x-finnhub-token']).toBe(KEY);
      expect(server.requests[0].query).toEqual({ symbol: ['MARA'] });
    });

    it('can send the key as the token query parameter instead', async () => {
      server.route({ path: '/api/v1/quote', query: { symbol: 'MARA', token: ANY_VALUE } }, { bodyJson: fixtureJson(P, 'quote-mara') });

      const result = await new FinnhubQuoteAdapter({ baseUrl: server.url('/api/v1'), apiKey: KEY, tickers: ['MARA'], tokenIn: 'query' }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(server.requests[0].query.token).toEqual([KEY]);
      expect(server.requests[0].headers['x-finnhub-token']).toBeUndefined();
    });

    it('reports c=0 as an unknown symbol for that ticker, never as a zero price', async () => {
      const result = await new FinnhubQuoteAdapter({ baseUrl: server.url('/api/v1'), apiKey: KEY, tickers: ['MARA', 'ZZZZ', 'RIOT'] }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.observations.map((o) => o.key)).toEqual(['MARA', 'RIOT']);
      expect(result.issues).toEqual([expect.objectContaining({ key: 'ZZZZ', code: AdapterExceptionCode.UNKNOWN_SYMBOL, field: 'c' })]);
    });

    it('refuses dp sent as a ratio, naming the field', async () => {
      server.serveFixture(fixture(P, 'quote-mara.ratio'));

      const result = await new FinnhubQuoteAdapter({ baseUrl: server.url('/api/v1'), apiKey: KEY, tickers: ['MARA', 'RIOT'] }).poll(NOW);

      expect(result.observations.map((o) => o.key)).toEqual(['RIOT']);
      expect(result.issues).toEqual([expect.objectContaining({ key: 'MARA', code: AdapterExceptionCode.INVALID_FIELD, field: 'dp' })]);
    });

    it('fails the whole poll on a bad key (401), without trying the other tickers', async () => {
      server.serveFixture(fixture(P, 'quote-mara.401'));

      const result = await new FinnhubQuoteAdapter({ baseUrl: server.url('/api/v1'), apiKey: KEY, tickers: ['MARA', 'RIOT'] }).poll(NOW);

      expect(result.outcome === 'failed' && result.error).toMatchObject({ code: AdapterExceptionCode.HTTP_ERROR, status: 401 });
      expect(server.requests).toHaveLength(1);
    });
  });
});
