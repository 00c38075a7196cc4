import { AdapterExceptionCode } from '../adapter.exception';
import type { EquityDailyBarObservation } from '../observation.types';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture } from '../testing/replay';
import { StooqDailyAdapter } from './stooq-daily.adapter';

const P = 'stooq';
const NOW = new Date('2024-12-20T22:00:00Z');

describe('StooqDailyAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'daily-mara')],
    primary: () => fixture(P, 'daily-mara'),
    throttled: () => fixture(P, 'daily-mara.429'),
    empty: () => fixture(P, 'daily-mara.no-data'),
    malformed: () => fixture(P, 'daily-mara.truncated'),
    create: (server, overrides) => new StooqDailyAdapter({ baseUrl: server.baseUrl, tickers: ['MARA'], ...overrides }),
  });

  describe('parsing the recorded CSV', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      for (const name of ['daily-mara', 'daily-riot', 'daily-zzzz.no-data']) server.serveFixture(fixture(P, name));
    });
    afterAll(() => server.close());

    it('emits the five newest bars, timed at the 16:00 New York close (21:00 UTC in December)', async () => {
      const result = await new StooqDailyAdapter({ baseUrl: server.baseUrl, tickers: ['MARA'] }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      const bars = result.observations as EquityDailyBarObservation[];
      expect(bars.map((bar) => bar.tradingDay)).toEqual(['2024-12-16', '2024-12-17', '2024-12-18', '2024-12-19', '2024-12-20']);
      expect(bars[4]).toEqual({
        kind: 'equity-daily-bar', source: 'stooq', key: 'MARA', tradingDay: '2024-12-20', eventTime: new Date('2024-12-20T21:00:00Z'),
        openUsd: 21.97, highUsd: 23.31, lowUsd: 21.65, closeUsd: 22.98, volumeShares: 58123456,
      });
      expect(server.requests[0].query).toEqual({ s: ['mara.us'], i: ['d'] });
    });

    it('reports an unknown symbol ("No data") as an issue for that ticker and keeps the others', async () => {
      const result = await new StooqDailyAdapter({ baseUrl: server.baseUrl, tickers: ['MARA', 'RIOT', 'ZZZZ'], barsPerPoll: 2 }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.observations.map((o) => `${o.key}:${(o as EquityDailyBarObservation).closeUsd}`)).toEqual(['MARA:21.89', 'MARA:22.98', 'RIOT:10.95', 'RIOT:11.36']);
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.EMPTY_RESPONSE, key: 'ZZZZ' })]);
    });

    it('refuses a ticker that is not upper-case letters', () => {
      expect(() => new StooqDailyAdapter({ baseUrl: server.baseUrl, tickers: ['mara'] })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'tickers' }));
    });
  });
});
