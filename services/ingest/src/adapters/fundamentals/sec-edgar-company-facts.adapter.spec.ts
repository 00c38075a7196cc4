import { AdapterExceptionCode } from '../adapter.exception';
import type { AdapterResult } from '../adapter.types';
import type { CompanyCashObservation, CompanyDebtObservation, CompanyFactObservation, ObservationKind, ObservationOf } from '../observation.types';
import { describeAdapterConformance, describeFailure } from '../testing/adapter-conformance';
import { HttpReplayServer, fixture, fixtureJson, matchFromFixture, type ReplayFixture } from '../testing/replay';
import { SecEdgarCompanyFactsAdapter, type SecEdgarCompanyFactsAdapterConfig } from './sec-edgar-company-facts.adapter';

const P = 'sec-edgar';
const NOW = new Date('2024-12-16T12:00:00Z');
const UA = 'hashdesk ops@hashdesk.example';

interface RecordedFact { start?: string; end: string; val: number | string; accn: string; fy: number; fp: string; form: string; filed: string }
interface CompanyFacts { facts: Record<string, Record<string, { units: Record<string, RecordedFact[]> }>> }
interface Submissions { filings: { recent: { accessionNumber: string[]; acceptanceDateTime: string[] } } }

function only<K extends ObservationKind>(result: AdapterResult, kind: K): ObservationOf<K>[] {
  return result.observations.filter((o): o is ObservationOf<K> => o.kind === kind);
}

/** The recorded facts of one concept (`us-gaap:Revenues`), in fixture order. */
function recorded(body: CompanyFacts, concept: string, unit = 'USD'): RecordedFact[] {
  const [taxonomy, tag] = concept.split(':');
  return body.facts[taxonomy]?.[tag]?.units[unit] ?? [];
}

/** The recorded acceptance time of a filing, read from the submissions fixture. */
function acceptedAt(submissions: Submissions, accn: string): Date | undefined {
  const i = submissions.filings.recent.accessionNumber.indexOf(accn);
  return i < 0 ? undefined : new Date(submissions.filings.recent.acceptanceDateTime[i]);
}

/** A copy of a fixture whose JSON body `edit` changes: a scenario variant derived from the recording. */
function variant<T>(recording: ReplayFixture, edit: (body: T) => void): ReplayFixture {
  const copy = structuredClone(recording);
  edit(copy.response.bodyJson as T);
  return copy;
}

const daysInclusive = (start: string, end: string): number => (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;

describe('SecEdgarCompanyFactsAdapter', () => {
  describeAdapterConformance({
    now: NOW,
    happy: () => [fixture(P, 'companyfacts-mara'), fixture(P, 'submissions-mara')],
    primary: () => fixture(P, 'companyfacts-mara'),
    throttled: () => fixture(P, 'companyfacts-mara.429'),
    empty: () => fixture(P, 'companyfacts-mara.empty'),
    malformed: () => fixture(P, 'companyfacts-mara.truncated'),
    create: (server, overrides) => new SecEdgarCompanyFactsAdapter({ baseUrl: server.baseUrl, userAgent: UA, companies: { MARA: '1507605' }, requestSpacingMs: 0, ...overrides }),
  });

  describe('extracting balance-sheet facts', () => {
    let server: HttpReplayServer;
    const submissions = fixtureJson<Submissions>(P, 'submissions-mara');
    const facts = fixtureJson<CompanyFacts>(P, 'companyfacts-mara');
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      server.serveFixture(fixture(P, 'companyfacts-mara'));
      server.serveFixture(fixture(P, 'submissions-mara'));
    });
    afterAll(() => server.close());

    const create = (overrides: Partial<SecEdgarCompanyFactsAdapterConfig> = {}) =>
      new SecEdgarCompanyFactsAdapter({ baseUrl: server.baseUrl, userAgent: UA, companies: { MARA: '1507605' }, random: () => 0, requestSpacingMs: 0, ...overrides });

    it('keeps end, filed, accn and the acceptance time on every fact, with the contact User-Agent the SEC requires', async () => {
      const result = await create().poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(server.requests.map((r) => r.path)).toEqual(['/api/xbrl/companyfacts/CIK0001507605.json', '/submissions/CIK0001507605.json']);
      for (const request of server.requests) expect(request.headers['user-agent']).toBe(UA);
      expect(only(result, 'company-cash').find((o) => o.end === '2024-09-30')).toEqual({
        kind: 'company-cash', source: 'sec-edgar', key: 'MARA', eventTime: new Date('2024-09-30T00:00:00Z'), cik: '0001507605',
        concept: 'us-gaap:CashAndCashEquivalentsAtCarryingValue', end: '2024-09-30', filed: '2024-10-30', accn: '0001507605-24-000118',
        form: '10-Q', fy: 2024, fp: 'Q3', cashUsd: 164300000,
        knownAt: acceptedAt(submissions, '0001507605-24-000118'), knownAtBasis: 'acceptance-time',
      });
      expect(only(result, 'company-shares-outstanding').map((o) => [o.end, o.sharesOutstanding, o.concept]))
        .toEqual([['2024-02-23', 267450000, 'dei:EntityCommonStockSharesOutstanding'], ['2024-04-26', 272100000, 'dei:EntityCommonStockSharesOutstanding'], ['2024-07-26', 294400000, 'dei:EntityCommonStockSharesOutstanding'], ['2024-10-25', 321700000, 'dei:EntityCommonStockSharesOutstanding']]);
      expect(only(result, 'company-digital-assets').map((o) => [o.end, o.digitalAssetsUsd])).toEqual([['2024-03-31', 1200000000], ['2024-06-30', 1275000000], ['2024-09-30', 1675000000]]);
    });

    it('dates a filing missing from the submissions index by its filing date, 00:00 UTC, and says so', async () => {
      const result = await create().poll(NOW);
      const missing = result.observations.filter((o): o is CompanyFactObservation => 'accn' in o && acceptedAt(submissions, o.accn) === undefined);
      const listed = result.observations.filter((o): o is CompanyFactObservation => 'accn' in o && acceptedAt(submissions, o.accn) !== undefined);

      expect(missing.length).toBeGreaterThan(0);
      expect(listed.length).toBeGreaterThan(0);
      for (const o of missing) expect([o.knownAt, o.knownAtBasis]).toEqual([new Date(`${o.filed}T00:00:00Z`), 'filed-date']);
      for (const o of listed) expect([o.knownAt, o.knownAtBasis]).toEqual([acceptedAt(submissions, o.accn), 'acceptance-time']);
    });

    it('keeps each filing’s report of the same date, so a point-in-time join sees what was known when', async () => {
      const cash = only(await create().poll(NOW), 'company-cash');
      const knownAt = (instant: string): CompanyCashObservation | undefined =>
        cash.filter((o) => o.knownAt <= new Date(instant)).sort((a, b) => a.end.localeCompare(b.end) || a.knownAt.getTime() - b.knownAt.getTime()).at(-1);

      expect(cash.filter((o) => o.end === '2023-12-31').map((o) => [o.accn, o.form, o.filed])).toEqual([
        ['0001507605-24-000020', '10-K', '2024-02-28'],
        ['0001507605-24-000052', '10-Q', '2024-05-02'],
      ]);
      expect(knownAt('2024-05-01T23:59:59Z')).toMatchObject({ end: '2023-12-31', cashUsd: 357300000, accn: '0001507605-24-000020' });
      const q2 = acceptedAt(submissions, '0001507605-24-000083')!;
      expect(knownAt(new Date(q2.getTime() - 1).toISOString())).toMatchObject({ end: '2024-03-31' });
      expect(knownAt(q2.toISOString())).toMatchObject({ end: '2024-06-30', cashUsd: 121200000 });
    });

    it('takes the preferred debt concept when a filing reports several, and names the concept used', async () => {
      const debt = only(await create().poll(NOW), 'company-debt');

      expect(debt.map((o: CompanyDebtObservation) => [o.end, o.concept, o.debtUsd])).toEqual([
        ['2024-09-30', 'us-gaap:LongTermDebtNoncurrent', 1011000000],
        ['2023-12-31', 'us-gaap:ConvertibleNotesPayable', 325100000],
      ]);
    });

    it('reports convertible notes on their own, every filing’s', async () => {
      const notes = only(await create().poll(NOW), 'company-convertible-notes');

      expect(notes.map((o) => [o.accn, o.end, o.convertibleNotesUsd])).toEqual(recorded(facts, 'us-gaap:ConvertibleNotesPayable').map((f) => [f.accn, f.end, f.val]));
    });

    it('honours sinceEnd', async () => {
      const result = await create({ sinceEnd: '2024-06-30' }).poll(NOW);

      expect(result.observations.every((o) => 'end' in o && o.end >= '2024-06-30')).toBe(true);
      expect(only(result, 'company-cash').map((o) => o.end)).toEqual(['2024-06-30', '2024-09-30']);
    });

    it('refuses one bad value, naming its field, and keeps the rest', async () => {
      const all = (await create().poll(NOW)).observations.length;
      server.serveFixture(fixture(P, 'companyfacts-mara.bad-value'));

      const result = await create().poll(NOW);

      expect(result.observations).toHaveLength(all - 1);
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, key: 'MARA', field: 'facts.us-gaap.CashAndCashEquivalentsAtCarryingValue.units.USD[5].val' })]);
    });

    it('reports an unknown CIK (404 NoSuchKey) for that company and keeps the others, without asking for its submissions', async () => {
      server.serveFixture(fixture(P, 'companyfacts-unknown-cik.404'));

      const result = await create({ companies: { MARA: '1507605', ZZZZ: '9999999' } }).poll(NOW);

      expect(describeFailure(result)).toBe('ok');
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.HTTP_ERROR, key: 'ZZZZ' })]);
      expect(server.requestsTo('/submissions/CIK0009999999.json')).toHaveLength(0);
    });

    it('waits ten minutes by default after a failure (EDGAR blocks excessive clients for about that long)', async () => {
      server.route(matchFromFixture(fixture(P, 'companyfacts-mara')), { status: 503 });

      const result = await create().poll(NOW);

      expect(result.nextPollAt.getTime() - NOW.getTime()).toBe(10 * 60_000);
    });

    it('spaces its requests (SEC fair access: at most 10 a second)', async () => {
      const spacingMs = 300;

      await create({ requestSpacingMs: spacingMs }).poll(NOW);

      const [facts, index] = server.requests.map((r) => r.receivedAt.getTime());
      expect(index - facts).toBeGreaterThanOrEqual(spacingMs - 20); // timer granularity
    });

    it('refuses a User-Agent without a contact e-mail, a CIK that is not digits, and a negative request spacing', () => {
      expect(() => create({ userAgent: 'hashdesk-ingest/0.1' })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'userAgent' }));
      expect(() => create({ companies: { MARA: 'CIK1507605' } })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'companies.MARA' }));
      expect(() => create({ requestSpacingMs: -1 })).toThrow(expect.objectContaining({ code: AdapterExceptionCode.CONFIG_INVALID, field: 'requestSpacingMs' }));
    });
  });

  describe('quarterly figures and acceptance times', () => {
    const RIOT_NOW = new Date('2025-12-03T09:00:00Z');
    const FACTS = 'companyfacts-riot.quarters';
    const INDEX = 'submissions-riot';
    const facts = fixtureJson<CompanyFacts>(P, FACTS);
    const submissions = fixtureJson<Submissions>(P, INDEX);
    const Q1 = '0001167419-25-000021';
    const Q2 = '0001167419-25-000035';
    const Q3 = '0001167419-25-000050';
    let server: HttpReplayServer;
    beforeAll(async () => {
      server = await HttpReplayServer.start();
    });
    beforeEach(() => {
      server.reset();
      server.serveFixture(fixture(P, FACTS));
      server.serveFixture(fixture(P, INDEX));
    });
    afterAll(() => server.close());

    const poll = () => new SecEdgarCompanyFactsAdapter({ baseUrl: server.baseUrl, userAgent: UA, companies: { RIOT: '1167419' }, random: () => 0, requestSpacingMs: 0 }).poll(RIOT_NOW);
    const durations = (result: AdapterResult) => result.observations.filter((o): o is Extract<CompanyFactObservation, { start: string }> => 'start' in o);
    /** The recorded fact of a concept for one filing and period. */
    const fact = (concept: string, accn: string, start: string, end: string) => recorded(facts, concept).find((f) => f.accn === accn && f.start === start && f.end === end)!;

    it('keeps only 3-month facts: a 10-K’s year and the 6- and 9-month year-to-date facts of a 10-Q are not quarters', async () => {
      const result = await poll();
      const kept = durations(result);
      const recordedLonger = Object.values(facts.facts['us-gaap']).flatMap((c) => c.units.USD ?? []).filter((f) => f.start && daysInclusive(f.start, f.end) > 100);

      expect(describeFailure(result)).toBe('ok');
      expect(recordedLonger.length).toBeGreaterThan(0);
      expect(kept.length).toBeGreaterThan(0);
      for (const o of kept) expect(daysInclusive(o.start, o.end)).toBeGreaterThanOrEqual(80);
      for (const o of kept) expect(daysInclusive(o.start, o.end)).toBeLessThanOrEqual(100);
      // Share-based compensation is a cash-flow line: the Q2 and Q3 10-Qs report it only year to date.
      expect(only(result, 'company-sbc').map((o) => [o.accn, o.start, o.end, o.concept, o.sbcUsdInPeriod])).toEqual([
        [Q1, '2025-01-01', '2025-03-31', 'us-gaap:ShareBasedCompensation', fact('us-gaap:ShareBasedCompensation', Q1, '2025-01-01', '2025-03-31').val],
        [Q3, '2025-07-01', '2025-09-30', 'us-gaap:AllocatedShareBasedCompensationExpense', fact('us-gaap:AllocatedShareBasedCompensationExpense', Q3, '2025-07-01', '2025-09-30').val],
      ]);
      expect(only(result, 'company-capex').map((o) => [o.accn, o.end])).toEqual([[Q1, '2025-03-31']]);
    });

    it('takes the first concept of a metric that a filing reports for a period, and names it', async () => {
      const result = await poll();
      const chosen = (o: CompanyFactObservation) => [o.accn, o.end, o.concept];

      expect(only(result, 'company-revenue').map(chosen)).toEqual([
        [Q2, '2025-06-30', 'us-gaap:Revenues'],
        [Q3, '2024-09-30', 'us-gaap:Revenues'], // the prior-year column of the Q3 10-Q
        [Q3, '2025-09-30', 'us-gaap:Revenues'],
        [Q1, '2025-03-31', 'us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax'],
      ]);
      expect(only(result, 'company-revenue').find((o) => o.accn === Q3 && o.end === '2025-09-30')?.revenueUsdInPeriod).toBe(fact('us-gaap:Revenues', Q3, '2025-07-01', '2025-09-30').val);
      expect(only(result, 'company-cost-of-revenue').map(chosen)).toEqual([
        [Q3, '2025-09-30', 'us-gaap:CostOfGoodsAndServiceExcludingDepreciationDepletionAndAmortization'],
        [Q2, '2025-06-30', 'us-gaap:CostOfRevenue'],
      ]);
      // The Q3 filing's DepreciationDepletionAndAmortization is 9 months: its quarter comes from the next concept.
      expect(only(result, 'company-depreciation').map(chosen)).toEqual([
        [Q1, '2025-03-31', 'us-gaap:DepreciationDepletionAndAmortization'],
        [Q3, '2025-09-30', 'us-gaap:DepreciationAndAmortization'],
      ]);
      expect(only(result, 'company-sga').map(chosen)).toEqual([[Q3, '2025-09-30', 'us-gaap:SellingGeneralAndAdministrativeExpense'], [Q2, '2025-06-30', 'us-gaap:GeneralAndAdministrativeExpense']]);
      expect(only(result, 'company-restricted-cash').map(chosen)).toEqual([[Q3, '2025-09-30', 'us-gaap:RestrictedCashCurrent']]);
      expect(only(result, 'company-convertible-notes').map(chosen)).toEqual([[Q3, '2025-09-30', 'us-gaap:ConvertibleNotesPayable']]);
      expect(only(result, 'company-debt').map(chosen)).toEqual([[Q3, '2025-09-30', 'us-gaap:LongTermDebt']]);
    });

    it('keeps a net loss negative', async () => {
      const netIncome = only(await poll(), 'company-net-income');

      expect(netIncome.map((o) => [o.end, o.netIncomeUsdInPeriod])).toEqual(
        recorded(facts, 'us-gaap:NetIncomeLoss').filter((f) => daysInclusive(f.start!, f.end) <= 100).map((f) => [f.end, f.val]),
      );
      expect(netIncome.some((o) => o.netIncomeUsdInPeriod < 0)).toBe(true);
    });

    it('dates every fact by its filing’s acceptance time, and a filing missing from the index by its filing date', async () => {
      const result = await poll();
      const byFiling = (accn: string) => result.observations.filter((o): o is CompanyFactObservation => 'accn' in o && o.accn === accn);

      expect(byFiling(Q3).length).toBeGreaterThan(0);
      for (const o of byFiling(Q3)) expect([o.knownAt, o.knownAtBasis]).toEqual([acceptedAt(submissions, Q3), 'acceptance-time']);
      expect(acceptedAt(submissions, Q1)).toBeUndefined();
      expect(byFiling(Q1).length).toBeGreaterThan(0);
      for (const o of byFiling(Q1)) expect([o.knownAt, o.knownAtBasis]).toEqual([new Date(`${o.filed}T00:00:00Z`), 'filed-date']);
      expect(server.requestsTo('/submissions/CIK0001167419.json')).toHaveLength(1);
    });

    it('refuses an acceptance time without a zone, naming its field, and dates that filing by its filing date', async () => {
      const i = submissions.filings.recent.accessionNumber.indexOf(Q2);
      server.serveFixture(variant<Submissions>(fixture(P, INDEX), (body) => {
        body.filings.recent.acceptanceDateTime[i] = body.filings.recent.acceptanceDateTime[i].replace(/\.000Z$/, '');
      }));

      const result = await poll();

      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, key: 'RIOT', field: `filings.recent.acceptanceDateTime[${i}]` })]);
      const q2 = result.observations.filter((o): o is CompanyFactObservation => 'accn' in o && o.accn === Q2);
      expect(q2.length).toBeGreaterThan(0);
      for (const o of q2) expect(o.knownAtBasis).toBe('filed-date');
      expect(result.observations.filter((o) => 'accn' in o && o.accn === Q3).every((o) => 'knownAtBasis' in o && o.knownAtBasis === 'acceptance-time')).toBe(true);
    });

    it('refuses a negative revenue and a period that ends before it starts, naming their fields, and keeps the rest', async () => {
      const revenues = recorded(facts, 'us-gaap:Revenues');
      const negative = revenues.findIndex((f) => f.accn === Q3 && f.start === '2025-07-01');
      const backwards = revenues.findIndex((f) => f.accn === Q2 && f.start === '2025-04-01');
      const all = (await poll()).observations.length;
      server.serveFixture(variant<CompanyFacts>(fixture(P, FACTS), (body) => {
        const edited = body.facts['us-gaap'].Revenues.units.USD;
        edited[negative].val = -Number(edited[negative].val);
        edited[backwards].start = '2025-07-01';
      }));

      const result = await poll();

      expect(result.issues).toEqual([
        expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field: `facts.us-gaap.Revenues.units.USD[${backwards}].start` }),
        expect.objectContaining({ code: AdapterExceptionCode.INVALID_FIELD, field: `facts.us-gaap.Revenues.units.USD[${negative}].val` }),
      ]);
      // Q3 falls back to the next revenue concept the filing reports; Q2 has none.
      expect(result.observations).toHaveLength(all - 1);
      expect(only(result, 'company-revenue').find((o) => o.accn === Q3 && o.end === '2025-09-30')?.concept).toBe('us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax');
    });

    it('keeps the facts, dated by filing date, when the submissions index is not there (404), with an issue', async () => {
      server.route({ path: '/submissions/CIK0001167419.json' }, { status: 404, body: '<Error><Code>NoSuchKey</Code></Error>' });

      const result = await poll();

      expect(describeFailure(result)).toBe('ok');
      expect(result.issues).toEqual([expect.objectContaining({ code: AdapterExceptionCode.HTTP_ERROR, key: 'RIOT' })]);
      expect(result.observations.length).toBeGreaterThan(0);
      expect(result.observations.every((o) => 'knownAtBasis' in o && o.knownAtBasis === 'filed-date')).toBe(true);
    });

    it('fails the poll when the submissions index is throttled, rather than dating facts by their filing date', async () => {
      server.route({ path: '/submissions/CIK0001167419.json' }, { status: 429, headers: { 'retry-after': '600' }, body: 'Request Rate Threshold Exceeded' });

      const result = await poll();

      expect(result.outcome === 'failed' && result.error.code).toBe(AdapterExceptionCode.RATE_LIMITED);
      expect(result.observations).toEqual([]);
      expect(result.nextPollAt.getTime() - RIOT_NOW.getTime()).toBeGreaterThanOrEqual(600_000);
    });
  });
});
