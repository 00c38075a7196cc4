import { AdapterExceptionCode } from '../adapter.exception';
import type { AdapterResult } from '../adapter.types';
import type { WholesalePowerPriceObservation } from '../observation.types';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture, fixtureJson, matchFromFixture, responseFromFixture } from '../testing/replay';
import { ErcotSettlementPriceAdapter, centralDate, type ErcotSettlementPriceAdapterConfig } from './ercot-settlement-price.adapter';

const P = 'ercot';
const TOKEN_PATH = '/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token';
const SUBSCRIPTION_KEY = 'ercot-subscription-test';
const SPRING_NOW = new Date('2024-03-10T12:00:00Z'); // 07:00 CDT on the spring-forward day
const FALL_NOW = new Date('2024-11-03T12:00:00Z'); // 06:00 CST on the fall-back day

type ErcotBody = { data: unknown[][] };
const prices = (r: AdapterResult) => r.observations as WholesalePowerPriceObservation[];
const hoursFrom = (startUtc: Date, count: number, stepMinutes: number) =>
  Array.from({ length: count }, (_, i) => new Date(startUtc.getTime() + i * stepMinutes * 60_000).toISOString());

function create(server: HttpReplayServer, overrides: Partial<ErcotSettlementPriceAdapterConfig> = {}): ErcotSettlementPriceAdapter {
  return new ErcotSettlementPriceAdapter({
    baseUrl: server.url('/api/public-reports'),
    subscriptionKey: SUBSCRIPTION_KEY,
    credentials: { username: 'desk@hashdesk.example', password: 'not-a-real-password', tokenUrl: server.url(TOKEN_PATH) },
    market: 'DAM',
    settlementPoints: ['HB_HUBAVG'],
    lookbackDays: 0,
    random: () => 0,
    ...overrides,
  });
}

describe('ErcotSettlementPriceAdapter', () => {
  describeAdapterConformance({
    now: SPRING_NOW,
    happy: () => [fixture(P, 'token'), fixture(P, 'dam-hb_hubavg-2024-03-10')],
    primary: () => fixture(P, 'dam-hb_hubavg-2024-03-10'),
    throttled: () => fixture(P, 'dam-hb_hubavg-2024-03-10.429'),
    empty: () => fixture(P, 'dam-hb_hubavg-2024-03-10.empty'),
    malformed: () => fixture(P, 'dam-hb_hubavg-2024-03-10.truncated'),
    create: (server, overrides) => create(server, overrides),
  });

  describe('Central Prevailing Time → UTC, DST included', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      server.serveFixture(fixture(P, 'token'));
    });
    afterAll(() => server.close());

    it('fall-back day: 25 hourly prices on consecutive UTC hours, hour ending 02 twice (CDT then CST, told apart by DSTFlag)', async () => {
      server.serveFixture(fixture(P, 'dam-hb_hubavg-2024-11-03'));
      const recorded = fixtureJson<ErcotBody>(P, 'dam-hb_hubavg-2024-11-03').data;

      const result = await create(server).poll(FALL_NOW);

      expect(describeFailure(result)).toBe('ok');
      const dam = prices(result);
      // 00:00 CDT (UTC−5) = 05:00Z; from 01:00 CST (UTC−6) on, 07:00Z…; the day ends at 24:00 CST = 06:00Z on 4 Nov.
      expect(dam.map((p) => p.eventTime.toISOString())).toEqual(hoursFrom(new Date('2024-11-03T05:00:00Z'), 25, 60));
      expect(dam.map((p) => p.powerUsdPerMwh)).toEqual(recorded.map((row) => row[3]));
      expect(dam[1]).toMatchObject({ eventTime: new Date('2024-11-03T06:00:00Z'), intervalEndsAt: new Date('2024-11-03T07:00:00Z'), repeatedHour: false, powerUsdPerMwh: 21.04 });
      expect(dam[2]).toMatchObject({ eventTime: new Date('2024-11-03T07:00:00Z'), repeatedHour: true, powerUsdPerMwh: 20.57 });
      expect(dam[24]).toMatchObject({ eventTime: new Date('2024-11-04T05:00:00Z'), intervalEndsAt: new Date('2024-11-04T06:00:00Z'), deliveryDate: '2024-11-03' });
      expect(dam[0]).toMatchObject({ key: 'ERCOT:HB_HUBAVG', market: 'DAM', settlementPoint: 'HB_HUBAVG', intervalMinutes: 60 });
    });

    it('spring-forward day: 23 hourly prices on consecutive UTC hours, hour ending 03 absent', async () => {
      server.serveFixture(fixture(P, 'dam-hb_hubavg-2024-03-10'));

      const dam = prices(await create(server).poll(SPRING_NOW));

      // 00:00 CST (UTC−6) = 06:00Z; 01:00 CST = 07:00Z; then 03:00 CDT (UTC−5) = 08:00Z; 23:00 CDT = 04:00Z on 11 Mar.
      expect(dam.map((p) => p.eventTime.toISOString())).toEqual(hoursFrom(new Date('2024-03-10T06:00:00Z'), 23, 60));
      expect(dam[1].eventTime.toISOString()).toBe('2024-03-10T07:00:00.000Z');
      expect(dam[2].eventTime.toISOString()).toBe('2024-03-10T08:00:00.000Z');
      expect(dam.every((p) => !p.repeatedHour)).toBe(true);
    });

    it('refuses a row for hour ending 03 on the spring-forward day (a time that does not exist), naming the field', async () => {
      server.serveFixture(fixture(P, 'dam-hb_hubavg-2024-03-10.with-he03'));

      const result = await create(server).poll(SPRING_NOW);

      expect(prices(result)).toHaveLength(23);
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field: 'data[2].hourEnding', key: 'ERCOT:HB_HUBAVG' })]);
    });

    it('RTM 15-minute intervals through the repeated hour stay on consecutive UTC quarter hours', async () => {
      server.serveFixture(fixture(P, 'rtm-hb_hubavg-2024-11-03'));

      const rtm = prices(await create(server, { market: 'RTM' }).poll(new Date('2024-11-03T09:10:00Z')));

      expect(rtm.map((p) => p.eventTime.toISOString())).toEqual(hoursFrom(new Date('2024-11-03T05:00:00Z'), 16, 15));
      expect(rtm.map((p) => p.repeatedHour)).toEqual([...Array(8).fill(false), ...Array(4).fill(true), ...Array(4).fill(false)]);
      expect(rtm[0]).toMatchObject({ market: 'RTM', intervalMinutes: 15, intervalEndsAt: new Date('2024-11-03T05:15:00Z'), powerUsdPerMwh: 22.4 });
    });

    it('drops (and reports) a second price for the same interval when DSTFlag is missing', async () => {
      const body = fixtureJson<ErcotBody & Record<string, unknown>>(P, 'dam-hb_hubavg-2024-11-03');
      const withoutFlag = { ...body, data: body.data.map((row) => [...row.slice(0, 4), false]) };
      server.route(matchFromFixture(fixture(P, 'dam-hb_hubavg-2024-11-03')), { bodyJson: withoutFlag, headers: { date: 'Sun, 03 Nov 2024 12:00:00 GMT' } });

      const result = await create(server).poll(FALL_NOW);

      expect(prices(result)).toHaveLength(24);
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.PROVIDER_ERROR, field: 'data[2]' })]);
    });

    it('refuses DSTFlag on an hour that is not repeated', async () => {
      const body = fixtureJson<ErcotBody & Record<string, unknown>>(P, 'dam-hb_hubavg-2024-03-10');
      const flagged = { ...body, data: body.data.map((row, i) => (i === 5 ? [...row.slice(0, 4), true] : row)) };
      server.route(matchFromFixture(fixture(P, 'dam-hb_hubavg-2024-03-10')), { bodyJson: flagged });

      const result = await create(server).poll(SPRING_NOW);

      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field: 'data[5].DSTFlag' })]);
    });
  });

  describe('credentials', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      server.serveFixture(fixture(P, 'token'));
    });
    afterAll(() => server.close());

    it('signs in once (password flow), then sends the subscription key and the ID token on every call', async () => {
      server.serveFixture(fixture(P, 'dam-hb_hubavg-2024-03-10'));
      const adapter = create(server);

      await adapter.poll(SPRING_NOW);
      await adapter.poll(new Date(SPRING_NOW.getTime() + 3_600_000 - 6 * 60_000)); // token still valid (expires_in 3600, 5 min margin)

      const signIns = server.requestsTo(TOKEN_PATH);
      expect(signIns).toHaveLength(1);
      const form = new URLSearchParams(signIns[0].body);
      expect(Object.fromEntries(form)).toEqual({
        username: 'desk@hashdesk.example', password: 'not-a-real-password', grant_type: 'password',
        scope: 'openid fec253ea-0d06-4272-a5e6-b478baeecd70 offline_access', client_id: 'fec253ea-0d06-4272-a5e6-b478baeecd70', response_type: 'id_token',
      });
      const calls = server.requests.filter((r) => r.path.startsWith('/api/public-reports/'));
      expect(calls).toHaveLength(2);
      for (const call of calls) {
        expect(call.headers['ocp-apim-subscription-key']).toBe(SUBSCRIPTION_KEY);
        expect(call.headers.authorization).toBe(`Bearer ${(fixtureJson<{ id_token: string }>(P, 'token')).id_token}`);
      }
      expect(calls[0].query).toEqual({ deliveryDateFrom: ['2024-03-10'], deliveryDateTo: ['2024-03-11'], settlementPoint: ['HB_HUBAVG'], page: ['1'], size: ['1000'] });
    });

    it('signs in again and retries once when the API answers 401', async () => {
      const prices = fixture(P, 'dam-hb_hubavg-2024-03-10');
      server.route(matchFromFixture(prices), responseFromFixture(fixture(P, 'dam-hb_hubavg-2024-03-10.401')), responseFromFixture(prices));

      const result = await create(server).poll(SPRING_NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(server.requestsTo(TOKEN_PATH)).toHaveLength(2);
    });

    it('needs a subscription key and an account', () => {
      const offline = { baseUrl: 'http://127.0.0.1:9/api/public-reports', market: 'DAM', settlementPoints: ['HB_HUBAVG'] } as const;

      expect(() => new ErcotSettlementPriceAdapter({ ...offline, subscriptionKey: '', credentials: { username: 'u', password: 'p' } }))
        .toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'subscriptionKey' }));
      expect(() => new ErcotSettlementPriceAdapter({ ...offline, subscriptionKey: 'k', credentials: { username: '', password: 'p' } }))
        .toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'credentials.username' }));
    });
  });

  it('dates a poll by the Central operating day', () => {
    expect(centralDate(new Date('2024-11-04T05:59:00Z'))).toBe('2024-11-03'); // 23:59 CST
    expect(centralDate(new Date('2024-11-04T06:00:00Z'))).toBe('2024-11-04');
    expect(centralDate(new Date('2024-07-01T04:59:00Z'))).toBe('2024-06-30'); // 23:59 CDT
  });
});
