import { AdapterExceptionCode } from '../adapter.exception';
import type { AdapterResult } from '../adapter.types';
import type { CompanyCashObservation, CompanyDebtObservation, ObservationKind, ObservationOf } from '../observation.types';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture, matchFromFixture } from '../testing/replay';
import { SecEdgarCompanyFactsAdapter, type SecEdgarCompanyFactsAdapterConfig } from './sec-edgar-company-facts.adapter';

const P = 'sec-edgar';
const NOW = new Date('2024-12-16T12:00:00Z');
const UA = 'hashdesk ops@hashdesk.example';

function only<K extends ObservationKind>(result: AdapterResult, kind: K): ObservationOf<K>[] {
  return result.observations.filter((o): o is ObservationOf<K> => o.kind === kind);
}

describe('SecEdgarCompanyFactsAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'companyfacts-mara')],
    primary: () => fixture(P, 'companyfacts-mara'),
    throttled: () => fixture(P, 'companyfacts-mara.429'),
    empty: () => fixture(P, 'companyfacts-mara.empty'),
    malformed: () => fixture(P, 'companyfacts-mara.truncated'),
    create: (server, overrides) => new SecEdgarCompanyFactsAdapter({ baseUrl: server.baseUrl, userAgent: UA, companies: { MARA: '1507605' }, ...overrides }),
  });

  describe('extracting balance-sheet facts', () => {
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      server.serveFixture(fixture(P, 'companyfacts-mara'));
    });
    afterAll(() => server.close());

    const create = (overrides: Partial<SecEdgarCompanyFactsAdapterConfig> = {}) =>
      new SecEdgarCompanyFactsAdapter({ baseUrl: server.baseUrl, userAgent: UA, companies: { MARA: '1507605' }, random: () => 0, ...overrides });

    it('keeps end, filed and accn on every fact, with the contact User-Agent the SEC requires', async () => {
      const result = await create().poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(server.requests[0].path).toBe('/api/xbrl/companyfacts/CIK0001507605.json');
      expect(server.requests[0].headers['user-agent']).toBe(UA);
      expect(only(result, 'company-cash').find((o) => o.end === '2024-09-30')).toEqual({
        kind: 'company-cash', source: 'sec-edgar', key: 'MARA', eventTime: new Date('2024-09-30T00:00:00Z'), cik: '0001507605',
        concept: 'us-gaap:CashAndCashEquivalentsAtCarryingValue', end: '2024-09-30', filed: '2024-10-30', accn: '0001507605-24-000118',
        form: '10-Q', fy: 2024, fp: 'Q3', cashUsd: 164300000,
      });
      expect(only(result, 'company-shares-outstanding').map((o) => [o.end, o.sharesOutstanding, o.concept]))
        .toEqual([['2024-02-23', 267450000, 'dei:EntityCommonStockSharesOutstanding'], ['2024-04-26', 272100000, 'dei:EntityCommonStockSharesOutstanding'], ['2024-07-26', 294400000, 'dei:EntityCommonStockSharesOutstanding'], ['2024-10-25', 321700000, 'dei:EntityCommonStockSharesOutstanding']]);
      expect(only(result, 'company-digital-assets').map((o) => [o.end, o.digitalAssetsUsd])).toEqual([['2024-03-31', 1200000000], ['2024-06-30', 1275000000], ['2024-09-30', 1675000000]]);
    });

    it('keeps each filing’s report of the same date, so a point-in-time join sees what was known when', async () => {
      const cash = only(await create().poll(NOW), 'company-cash');
      const knownOn = (day: string): CompanyCashObservation | undefined =>
        cash.filter((o) => o.filed <= day).sort((a, b) => a.end.localeCompare(b.end) || a.filed.localeCompare(b.filed)).at(-1);

      expect(cash.filter((o) => o.end === '2023-12-31').map((o) => [o.accn, o.form, o.filed])).toEqual([
        ['0001507605-24-000020', '10-K', '2024-02-28'],
        ['0001507605-24-000052', '10-Q', '2024-05-02'],
      ]);
      expect(knownOn('2024-05-01')).toMatchObject({ end: '2023-12-31', cashUsd: 357300000, accn: '0001507605-24-000020' });
      expect(knownOn('2024-08-01')).toMatchObject({ end: '2024-06-30', cashUsd: 121200000 });
    });

    it('takes the preferred debt concept when a filing reports several, and names the concept used', async () => {
      const debt = only(await create().poll(NOW), 'company-debt');

      expect(debt.map((o: CompanyDebtObservation) => [o.end, o.concept, o.debtUsd])).toEqual([
        ['2024-09-30', 'us-gaap:LongTermDebtNoncurrent', 1011000000],
        ['2023-12-31', 'us-gaap:ConvertibleNotesPayable', 325100000],
      ]);
    });

    it('emits only balance-sheet concepts (no durations such as Revenues)', async () => {
      const result = await create().poll(NOW);

      expect(new Set(result.observations.map((o) => o.kind))).toEqual(new Set(['company-cash', 'company-debt', 'company-shares-outstanding', 'company-digital-assets']));
      expect(result.observations).toHaveLength(15);
    });

    it('honours sinceEnd', async () => {
      const result = await create({ sinceEnd: '2024-06-30' }).poll(NOW);

      expect(result.observations.every((o) => 'end' in o && o.end >= '2024-06-30')).toBe(true);
      expect(only(result, 'company-cash').map((o) => o.end)).toEqual(['2024-06-30', '2024-09-30']);
    });

    it('refuses one bad value, naming its field, and keeps the rest', async () => {
      server.serveFixture(fixture(P, 'companyfacts-mara.bad-value'));

      const result = await create().poll(NOW);

      expect(result.observations).toHaveLength(14);
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, key: 'MARA', field: 'facts.us-gaap.CashAndCashEquivalentsAtCarryingValue.units.USD[5].val' })]);
    });

    it('reports an unknown CIK (404 NoSuchKey) for that company and keeps the others', async () => {
      server.serveFixture(fixture(P, 'companyfacts-unknown-cik.404'));

      const result = await create({ companies: { MARA: '1507605', ZZZZ: '9999999' } }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.HTTP_ERROR, key: 'ZZZZ' })]);
    });

    it('waits ten minutes by default after a failure (EDGAR blocks excessive clients for about that long)', async () => {
      server.route(matchFromFixture(fixture(P, 'companyfacts-mara')), { status: 503 });

      const result = await create().poll(NOW);

      expect(result.nextPollAt.getTime() - NOW.getTime()).toBe(10 * 60_000);
    });

    it('refuses a User-Agent without a contact e-mail, and a CIK that is not digits', () => {
      expect(() => create({ userAgent: 'hashdesk-ingest/0.1' })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'userAgent' }));
      expect(() => create({ companies: { MARA: 'CIK1507605' } })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'companies.MARA' }));
    });
  });
});
