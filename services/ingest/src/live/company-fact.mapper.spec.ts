import type { CompanyFactObservation, Observation } from '../adapters';
import { fitsProfilePeriod } from '../companies/company-figure.util';
import { newestPerFigure, toCompanyFigure, type CompanyFactFigure } from './company-fact.mapper';

const ACCEPTED = new Date('2025-10-30T20:05:12.000Z');

const provenance = {
  source: 'sec-edgar', key: 'riot', cik: '0001167419', end: '2025-09-30', eventTime: new Date('2025-09-30T00:00:00Z'), filed: '2025-10-30',
  accn: '0001167419-25-000050', form: '10-Q', fy: 2025, fp: 'Q3', knownAt: ACCEPTED, knownAtBasis: 'acceptance-time' as const,
};
const quarter = { ...provenance, start: '2025-07-01' };

/** One observation of each SEC kind, each with its own value, and the profile path it must restate. */
const CASES: Array<[CompanyFactObservation, string | undefined]> = [
  [{ ...provenance, kind: 'company-cash', concept: 'us-gaap:CashAndCashEquivalentsAtCarryingValue', cashUsd: 1 }, 'balanceSheet.cashUsd'],
  [{ ...provenance, kind: 'company-restricted-cash', concept: 'us-gaap:RestrictedCashCurrent', restrictedCashUsd: 2 }, 'balanceSheet.restrictedCashUsd'],
  [{ ...provenance, kind: 'company-debt', concept: 'us-gaap:LongTermDebt', debtUsd: 3 }, 'balanceSheet.totalDebtUsd'],
  [{ ...provenance, kind: 'company-convertible-notes', concept: 'us-gaap:ConvertibleNotesPayable', convertibleNotesUsd: 4 }, 'balanceSheet.convertibleNotesUsd'],
  [{ ...provenance, kind: 'company-shares-outstanding', concept: 'dei:EntityCommonStockSharesOutstanding', sharesOutstanding: 5 }, 'balanceSheet.sharesOutstanding'],
  [{ ...quarter, kind: 'company-revenue', concept: 'us-gaap:Revenues', revenueUsdInPeriod: 6 }, 'revenue.totalUsdInPeriod'],
  [{ ...quarter, kind: 'company-cost-of-revenue', concept: 'us-gaap:CostOfRevenue', costOfRevenueUsdInPeriod: 7 }, 'opex.costOfRevenueUsdInPeriod'],
  [{ ...quarter, kind: 'company-depreciation', concept: 'us-gaap:DepreciationAndAmortization', depreciationUsdInPeriod: 8 }, 'opex.depreciationUsdInPeriod'],
  [{ ...quarter, kind: 'company-sbc', concept: 'us-gaap:ShareBasedCompensation', sbcUsdInPeriod: 9 }, 'opex.sbcUsdInPeriod'],
  [{ ...quarter, kind: 'company-sga', concept: 'us-gaap:SellingGeneralAndAdministrativeExpense', sgaUsdInPeriod: 10 }, 'opex.sgaUsdInPeriod'],
  [{ ...quarter, kind: 'company-interest-expense', concept: 'us-gaap:InterestExpense', interestExpenseUsdInPeriod: 11 }, 'opex.interestExpenseUsdInPeriod'],
  [{ ...quarter, kind: 'company-capex', concept: 'us-gaap:PaymentsToAcquirePropertyPlantAndEquipment', capexUsdInPeriod: 12 }, 'capex.capexUsdInPeriod'],
  [{ ...quarter, kind: 'company-net-income', concept: 'us-gaap:NetIncomeLoss', netIncomeUsdInPeriod: -13 }, 'income.netIncomeUsdInPeriod'],
  [{ ...provenance, kind: 'company-digital-assets', concept: 'us-gaap:CryptoAssetFairValue', digitalAssetsUsd: 14 }, undefined],
];

/** The number an observation carries (its one numeric field besides fy). */
const valueOf = (o: CompanyFactObservation): number => Object.entries(o).find(([name, v]) => typeof v === 'number' && name !== 'fy')![1] as number;

const figure = (asOf: string, value: number, knownAt: string, accn = 'a'): CompanyFactFigure => ({
  ticker: 'RIOT', figure: { path: 'balanceSheet.cashUsd', value, asOf, source: accn, sourceQuality: 'primary', knownAt },
});

describe('company-fact mapper', () => {
  it.each(CASES.map(([o, path]) => [o.kind, path ?? 'no profile path', o] as const))('maps %s to %s', (_kind, path, observation) => {
    const mapped = toCompanyFigure(observation);

    if (path === 'no profile path') {
      expect(mapped).toBeUndefined();
      return;
    }
    expect(mapped).toEqual({
      ticker: 'RIOT',
      figure: expect.objectContaining({ path, value: valueOf(observation), asOf: observation.end, sourceQuality: 'primary', knownAt: ACCEPTED.toISOString() }),
    });
  });

  it('sources a figure to its filing’s EDGAR index page (CIK without its zeros, accession number without dashes) and keeps the concept and acceptance time in the note', () => {
    const [cash] = CASES[0];

    const mapped = toCompanyFigure(cash)!.figure;

    expect(mapped.source).toBe('https://www.sec.gov/Archives/edgar/data/1167419/000116741925000050/');
    expect(mapped.note).toContain(cash.concept);
    expect(mapped.note).toContain(cash.accn);
    expect(mapped.note).toContain(`accepted ${ACCEPTED.toISOString()}`);
  });

  it('dates a quarter by its last day and says when knownAt is only the filing date', () => {
    const revenue = CASES.find(([o]) => o.kind === 'company-revenue')![0];
    const fallback = { ...revenue, knownAt: new Date(`${revenue.filed}T00:00:00Z`), knownAtBasis: 'filed-date' as const };

    const mapped = toCompanyFigure(fallback)!.figure;

    expect(mapped.asOf).toBe(revenue.end);
    expect(mapped.knownAt).toBe(`${revenue.filed}T00:00:00.000Z`);
    expect(mapped.note).toContain('known from the filing date');
  });

  it('ignores observations that are not SEC facts', () => {
    const price = { kind: 'btc-price', source: 'kraken', key: 'BTC-USD', eventTime: ACCEPTED, priceUsd: 91_000 } as Observation;

    expect(toCompanyFigure(price)).toBeUndefined();
  });

  describe('newestPerFigure', () => {
    it('keeps the newest date per company and figure', () => {
      const older = figure('2025-06-30', 1, '2025-07-31T20:00:00.000Z');
      const newer = figure('2025-09-30', 2, '2025-10-30T20:00:00.000Z');

      expect(newestPerFigure([newer, older])).toEqual([newer]);
      expect(newestPerFigure([older, newer])).toEqual([newer]);
    });

    it('for one date, keeps the filing that first made the value public, whatever the order', () => {
      const first = figure('2025-06-30', 1, '2025-07-31T20:00:00.000Z', 'q2');
      const repeated = figure('2025-06-30', 1, '2025-10-30T20:00:00.000Z', 'q3');

      expect(newestPerFigure([first, repeated])).toEqual([first]);
      expect(newestPerFigure([repeated, first])).toEqual([first]);
    });

    it('for one date, lets a later filing with another value restate it, whatever the order', () => {
      const original = figure('2025-06-30', 1, '2025-07-31T20:00:00.000Z', 'q2');
      const restated = figure('2025-06-30', 2, '2025-10-30T20:00:00.000Z', 'q3');

      expect(newestPerFigure([original, restated])).toEqual([restated]);
      expect(newestPerFigure([restated, original])).toEqual([restated]);
    });
  });

  it('lets a quarter’s amount restate only the profile of that quarter; a balance-sheet figure any', () => {
    const q3 = { endDate: '2025-09-30' };

    expect(fitsProfilePeriod({ path: 'revenue.totalUsdInPeriod', asOf: '2025-09-30' }, q3)).toBe(true);
    expect(fitsProfilePeriod({ path: 'revenue.totalUsdInPeriod', asOf: '2025-12-31' }, q3)).toBe(false);
    expect(fitsProfilePeriod({ path: 'opex.sbcUsdInPeriod', asOf: '2025-06-30' }, q3)).toBe(false);
    expect(fitsProfilePeriod({ path: 'balanceSheet.cashUsd', asOf: '2025-12-31' }, q3)).toBe(true);
  });
});
