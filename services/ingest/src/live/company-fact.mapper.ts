import type { CompanyFactObservation, Observation } from '../adapters';
import type { SubmittedFigure } from '../companies/company-figure.util';

export interface CompanyFactFigure {
  ticker: string;
  figure: SubmittedFigure;
}

/**
 * The profile figure each SEC EDGAR fact restates. Crypto assets at fair value (USD) have none (the
 * profile holds BTC, not dollars): they stay observations.
 */
const FIGURE_PATHS: { [K in CompanyFactObservation['kind']]?: (o: Extract<CompanyFactObservation, { kind: K }>) => { path: string; value: number } } = {
  'company-cash': (o) => ({ path: 'balanceSheet.cashUsd', value: o.cashUsd }),
  'company-restricted-cash': (o) => ({ path: 'balanceSheet.restrictedCashUsd', value: o.restrictedCashUsd }),
  'company-debt': (o) => ({ path: 'balanceSheet.totalDebtUsd', value: o.debtUsd }),
  'company-convertible-notes': (o) => ({ path: 'balanceSheet.convertibleNotesUsd', value: o.convertibleNotesUsd }),
  'company-shares-outstanding': (o) => ({ path: 'balanceSheet.sharesOutstanding', value: o.sharesOutstanding }),
  'company-revenue': (o) => ({ path: 'revenue.totalUsdInPeriod', value: o.revenueUsdInPeriod }),
  'company-cost-of-revenue': (o) => ({ path: 'opex.costOfRevenueUsdInPeriod', value: o.costOfRevenueUsdInPeriod }),
  'company-depreciation': (o) => ({ path: 'opex.depreciationUsdInPeriod', value: o.depreciationUsdInPeriod }),
  'company-sbc': (o) => ({ path: 'opex.sbcUsdInPeriod', value: o.sbcUsdInPeriod }),
  'company-sga': (o) => ({ path: 'opex.sgaUsdInPeriod', value: o.sgaUsdInPeriod }),
  'company-interest-expense': (o) => ({ path: 'opex.interestExpenseUsdInPeriod', value: o.interestExpenseUsdInPeriod }),
  'company-capex': (o) => ({ path: 'capex.capexUsdInPeriod', value: o.capexUsdInPeriod }),
  'company-net-income': (o) => ({ path: 'income.netIncomeUsdInPeriod', value: o.netIncomeUsdInPeriod }),
};

/** The filing index page on EDGAR: `https://www.sec.gov/Archives/edgar/data/<cik>/<accn without dashes>/`. */
export function filingIndexUrl(cik: string, accn: string): string {
  return `https://www.sec.gov/Archives/edgar/data/${Number(cik)}/${accn.replace(/-/g, '')}/`;
}

/**
 * An SEC EDGAR XBRL fact as a figure of the company profile: dated by the fact's end (the balance-sheet
 * date, or the last day of the quarter), sourced to its filing's index page, public from the filing's
 * acceptance time (knownAt). Undefined for anything else.
 */
export function toCompanyFigure(observation: Observation): CompanyFactFigure | undefined {
  if (!('accn' in observation)) return undefined;
  const toFigure = FIGURE_PATHS[observation.kind] as ((o: CompanyFactObservation) => { path: string; value: number }) | undefined;
  if (!toFigure) return undefined;
  const { path, value } = toFigure(observation);
  return {
    ticker: observation.key.toUpperCase(),
    figure: {
      path,
      value,
      asOf: observation.end,
      source: filingIndexUrl(observation.cik, observation.accn),
      sourceQuality: 'primary',
      note: filingNote(observation),
      knownAt: observation.knownAt.toISOString(),
    },
  };
}

/** What the URL does not say: the form, the concept, and how knownAt was found. */
function filingNote(o: CompanyFactObservation): string {
  const period = 'start' in o ? `${o.start} to ${o.end}` : o.end;
  const known = o.knownAtBasis === 'acceptance-time' ? `accepted ${o.knownAt.toISOString()}` : 'acceptance time not in the EDGAR index: known from the filing date';
  return `SEC EDGAR ${o.form} accn ${o.accn} (${o.concept}, ${period}), filed ${o.filed}, ${known}`;
}

/**
 * A poll returns every filing's facts: one per company and figure becomes a version. The newest date
 * wins; for the same date, a later filing wins only with another value (a restatement): the same value
 * again (the prior-period column of the next 10-Q) keeps the first filing, which made it public.
 */
export function newestPerFigure(facts: readonly CompanyFactFigure[]): CompanyFactFigure[] {
  const newest = new Map<string, CompanyFactFigure>();
  for (const fact of facts) {
    const key = `${fact.ticker}|${fact.figure.path}`;
    const seen = newest.get(key);
    if (!seen || fact.figure.asOf > seen.figure.asOf || (fact.figure.asOf === seen.figure.asOf && restates(fact.figure, seen.figure))) newest.set(key, fact);
  }
  return [...newest.values()];
}

function restates(later: SubmittedFigure, earlier: SubmittedFigure): boolean {
  if (later.value === earlier.value) return (later.knownAt ?? '') < (earlier.knownAt ?? '');
  return (later.knownAt ?? '') > (earlier.knownAt ?? '');
}
