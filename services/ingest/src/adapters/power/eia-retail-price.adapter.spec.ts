import { AdapterExceptionCode } from '../adapter.exception';
import type { RetailPowerPriceObservation } from '../observation.types';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture } from '../testing/replay';
import { EiaRetailPriceAdapter } from './eia-retail-price.adapter';

const P = 'eia';
const NOW = new Date('2024-12-17T15:00:00Z');
const KEY = 'eia-test-key';

describe('EiaRetailPriceAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'retail-tx-ind')],
    primary: () => fixture(P, 'retail-tx-ind'),
    throttled: () => fixture(P, 'retail-tx-ind.429'),
    empty: () => fixture(P, 'retail-tx-ind.empty'),
    malformed: () => fixture(P, 'retail-tx-ind.truncated'),
    create: (server, overrides) => new EiaRetailPriceAdapter({ baseUrl: server.baseUrl, apiKey: KEY, states: ['TX'], ...overrides }),
  });

  describe('parsing the recorded retail prices', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    afterEach(() => server.reset());
    afterAll(() => server.close());

    it('turns cents per kWh (strings) into exact USD per kWh, one observation per month, keyed state:sector', async () => {
      server.serveFixture(fixture(P, 'retail-tx-ind'));

      const result = await new EiaRetailPriceAdapter({ baseUrl: server.baseUrl, apiKey: KEY, states: ['TX'] }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      const prices = result.observations as RetailPowerPriceObservation[];
      expect(prices.map((p) => [p.period, p.powerUsdPerKwh])).toEqual([['2024-09', 0.0652], ['2024-08', 0.0714], ['2024-07', 0.0688]]);
      expect(prices[0]).toEqual({
        kind: 'power-retail-price', source: 'eia', key: 'TX:industrial', eventTime: new Date('2024-09-01T00:00:00Z'),
        stateId: 'TX', sector: 'industrial', period: '2024-09', powerUsdPerKwh: 0.0652,
      });
      expect(server.requests[0].query).toEqual({
        api_key: [KEY], frequency: ['monthly'], 'data[]': ['price'], 'facets[stateid][]': ['TX'], 'facets[sectorid][]': ['IND'],
        'sort[0][column]': ['period'], 'sort[0][direction]': ['desc'], offset: ['0'], length: ['3'],
      });
    });

    it('asks for several states at once and reports a withheld (null) price as an issue, not a zero', async () => {
      server.serveFixture(fixture(P, 'retail-tx-nd-ind'));

      const result = await new EiaRetailPriceAdapter({ baseUrl: server.baseUrl, apiKey: KEY, states: ['TX', 'ND'], months: 2 }).poll(NOW);

      expect(result.observations.map((o) => `${o.key}@${(o as RetailPowerPriceObservation).period}=${(o as RetailPowerPriceObservation).powerUsdPerKwh}`))
        .toEqual(['TX:industrial@2024-09=0.0652', 'TX:industrial@2024-08=0.0714', 'ND:industrial@2024-08=0.0731']);
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.EMPTY_RESPONSE, key: 'ND:industrial', field: 'response.data[1].price' })]);
    });

    it('refuses a decimal comma and a row in another unit, naming each field, and keeps the good row', async () => {
      server.serveFixture(fixture(P, 'retail-tx-ind.bad-values'));

      const result = await new EiaRetailPriceAdapter({ baseUrl: server.baseUrl, apiKey: KEY, states: ['TX'] }).poll(NOW);

      expect(result.observations.map((o) => (o as RetailPowerPriceObservation).period)).toEqual(['2024-08']);
      expect(result.issues.map((i) => [i.code, i.field])).toEqual([
        [AdapterExceptionCode.INVALID_FIELD, 'response.data[0].price'],
        [AdapterExceptionCode.INVALID_FIELD, 'response.data[2].price-units'],
      ]);
    });

    it('keeps the API key out of error messages', async () => {
      server.serveFixture(fixture(P, 'retail-tx-ind.429'));

      const result = await new EiaRetailPriceAdapter({ baseUrl: server.baseUrl, apiKey: KEY, states: ['TX'] }).poll(NOW);

      expect(result.outcome === 'failed' && result.error.message).toContain('api_key=REDACTED');
      expect(result.outcome === 'failed' && result.error.message).not.toContain(KEY);
    });

    it('refuses a state id that is not two capital letters', () => {
      expect(() => new EiaRetailPriceAdapter({ baseUrl: server.baseUrl, apiKey: KEY, states: ['Texas'] })).toThrow(expect.objectContaining({ field: 'states' }));
    });
  });
});
