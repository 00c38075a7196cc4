import type { Observation } from '../adapters';
import type { SubmittedFigure } from '../companies/company-figure.util';

export interface CompanyFactFigure {
  ticker: string;
  figure: SubmittedFigure;
}

/**
 * SEC EDGAR XBRL facts that are figures of the company profile: cash, total debt and shares
 * outstanding, each dated by the fact's period end and sourced to its filing (form, accession number,
 * concept, filing date). Digital assets at fair value (USD) have no profile field (the profile holds
 * BTC, not dollars) and are left out.
 */
export function toCompanyFigure(observation: Observation): CompanyFactFigure | undefined {
  const path = (() => {
    switch (observation.kind) {
      case 'company-cash':
        return { path: 'balanceSheet.cashUsd', value: observation.cashUsd };
      case 'company-debt':
        return { path: 'balanceSheet.totalDebtUsd', value: observation.debtUsd };
      case 'company-shares-outstanding':
        return { path: 'balanceSheet.sharesOutstanding', value: observation.sharesOutstanding };
      default:
        return undefined;
    }
  })();
  if (!path || !('accn' in observation)) return undefined;
  return {
    ticker: observation.key.toUpperCase(),
    figure: {
      path: path.path,
      value: path.value,
      asOf: observation.end,
      source: `SEC EDGAR ${observation.form} accn ${observation.accn} (${observation.concept}), filed ${observation.filed}`,
      sourceQuality: 'primary',
    },
  };
}

/** A poll returns every filing's facts: only the newest per company and figure becomes a version. */
export function newestPerFigure(facts: readonly CompanyFactFigure[]): CompanyFactFigure[] {
  const newest = new Map<string, CompanyFactFigure>();
  for (const fact of facts) {
    const key = `${fact.ticker}|${fact.figure.path}`;
    const seen = newest.get(key);
    if (!seen || fact.figure.asOf > seen.figure.asOf) newest.set(key, fact);
  }
  return [...newest.values()];
}
