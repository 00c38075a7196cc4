import { AdapterExceptionCode } from '../adapter.exception';
import type { AdapterResult } from '../adapter.types';
import type { EquityDailyBarObservation, EquityQuoteObservation } from '../observation.types';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture, matchFromFixture } from '../testing/replay';
import { AlphaVantageEquityAdapter, type AlphaVantageEquityAdapterConfig } from './alpha-vantage-equity.adapter';

const P = 'alphavantage';
const NOW = new Date('2024-12-20T22:00:00Z');
const KEY = 'AV-TEST-KEY';

const quotes = (r: AdapterResult) => r.observations.filter((o): o is EquityQuoteObservation => o.kind === 'equity-quote');
const bars = (r: AdapterResult) => r.observations.filter((o): o is EquityDailyBarObservation => o.kind === 'equity-daily-bar');

describe('AlphaVantageEquityAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'global-quote-mara')],
    primary: () => fixture(P, 'global-quote-mara'),
    throttled: () => fixture(P, 'global-quote-mara.information'),
    empty: () => fixture(P, 'global-quote-mara.empty'),
    malformed: () => fixture(P, 'global-quote-mara.truncated'),
    expectedCodes: { empty: AdapterExceptionCode.UNKNOWN_SYMBOL },
    create: (server, overrides) => new AlphaVantageEquityAdapter({ baseUrl: server.baseUrl, apiKey: KEY, tickers: ['MARA'], functions: ['GLOBAL_QUOTE'], ...overrides }),
  });

  describe('parsing the recorded responses', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      for (const name of ['global-quote-mara', 'time-series-daily-mara', 'global-quote-riot', 'time-series-daily-riot', 'global-quote-zzzz.empty', 'time-series-daily-zzzz.error']) {
        server.serveFixture(fixture(P, name));
      }
    });
    afterAll(() => server.close());

    const create = (overrides: Partial<AlphaVantageEquityAdapterConfig> = {}) =>
      new AlphaVantageEquityAdapter({ baseUrl: server.baseUrl, apiKey: KEY, tickers: ['MARA'], random: () => 0, ...overrides });

    it('reads GLOBAL_QUOTE strings, the "4.9794%" change as a percent, timed at the trading day’s close', async () => {
      const result = await create().poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(quotes(result)).toEqual([{
        kind: 'equity-quote', source: 'alphavantage', key: 'MARA', eventTime: new Date('2024-12-20T21:00:00Z'),
        priceUsd: 22.98, previousCloseUsd: 21.89, changePct: 4.9794, tradingDay: '2024-12-20',
      }]);
      expect(server.requests[0].query).toEqual({ function: ['GLOBAL_QUOTE'], symbol: ['MARA'], apikey: [KEY] });
    });

    it('times a quote polled while the session is open by the poll, not by a close still to come', async () => {
      const duringSession = new Date('2024-12-20T18:00:00Z');

      const [quote] = quotes(await create({ functions: ['GLOBAL_QUOTE'] }).poll(duringSession));

      expect(quote.eventTime).toEqual(duringSession);
    });

    it('reads the five newest TIME_SERIES_DAILY bars, oldest first', async () => {
      const daily = bars(await create().poll(NOW));

      expect(daily.map((bar) => [bar.tradingDay, bar.closeUsd])).toEqual([
        ['2024-12-16', 24.87], ['2024-12-17', 23.75], ['2024-12-18', 21.94], ['2024-12-19', 21.89], ['2024-12-20', 22.98],
      ]);
      expect(daily[4]).toMatchObject({ openUsd: 21.97, highUsd: 23.31, lowUsd: 21.65, volumeShares: 58123456, eventTime: new Date('2024-12-20T21:00:00Z') });
    });

    it('stops at the first disguised throttle ("Note", HTTP 200), keeps what it had, and asks for nothing more', async () => {
      server.serveFixture(fixture(P, 'global-quote-riot.note'));

      const result = await create({ tickers: ['MARA', 'RIOT', 'CLSK'] }).poll(NOW);

      expect(result.outcome === 'failed' && result.error).toMatchObject({ code: AdapterExceptionCode.RATE_LIMITED, status: 200 });
      expect(result.observations.map((o) => `${o.kind}:${o.key}`)).toEqual(['equity-quote:MARA', ...Array(5).fill('equity-daily-bar:MARA')]);
      expect(server.requests.map((r) => `${r.query.function[0]}:${r.query.symbol[0]}`)).toEqual(['GLOBAL_QUOTE:MARA', 'TIME_SERIES_DAILY:MARA', 'GLOBAL_QUOTE:RIOT']);
    });

    it('reports an unknown symbol (empty Global Quote, "Error Message") as issues and keeps the other tickers', async () => {
      const result = await create({ tickers: ['MARA', 'ZZZZ'] }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.issues).toEqual([
        expect.objectContaining({ key: 'ZZZZ', code: AdapterExceptionCode.UNKNOWN_SYMBOL }),
        expect.objectContaining({ key: 'ZZZZ', code: AdapterExceptionCode.PROVIDER_ERROR }),
      ]);
      expect(new Set(result.observations.map((o) => o.key))).toEqual(new Set(['MARA']));
    });

    it('refuses a change percent sent as a ratio, naming the field, and still emits the daily bars', async () => {
      server.serveFixture(fixture(P, 'global-quote-mara.ratio'));

      const result = await create().poll(NOW);

      expect(quotes(result)).toEqual([]);
      expect(bars(result)).toHaveLength(5);
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field: 'Global Quote.10. change percent', key: 'MARA' })]);
    });

    it('never puts the API key in an error message', async () => {
      server.route(matchFromFixture(fixture(P, 'global-quote-mara')), { status: 502, body: 'Bad Gateway' });

      const result = await create().poll(NOW);

      expect(result.outcome === 'failed' && result.error.code).toBe(AdapterExceptionCode.SERVER_ERROR);
      expect(result.outcome === 'failed' && result.error.message).toContain('apikey=REDACTED');
      expect(JSON.stringify(result.outcome === 'failed' && { message: result.error.message, url: result.error.url })).not.toContain(KEY);
    });

    it('backs off from 15 minutes by default after a disguised throttle', async () => {
      server.serveFixture(fixture(P, 'global-quote-mara.information'));
      const adapter = new AlphaVantageEquityAdapter({ baseUrl: server.baseUrl, apiKey: KEY, tickers: ['MARA'], pollIntervalMs: 60_000, random: () => 0 });

      const result = await adapter.poll(NOW);

      expect(result.nextPollAt.getTime() - NOW.getTime()).toBe(15 * 60_000);
    });
  });
});
