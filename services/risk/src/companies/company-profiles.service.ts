import { Injectable } from '@nestjs/common';
import type { CompanyProfile, SourcedFigure } from '@hashdesk/economics';
import { readShippedCompanyProfiles } from '../monte-carlo/shipped-company-profiles';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';

/** Balance-sheet figures a caller may supply where the shipped profile has none (or a newer one). */
export interface BalanceSheetOverrides {
  totalDebtUsd?: number;
  cashUsd?: number;
  btcHeld?: number;
  sharesOutstanding?: number;
  convertibleNotesUsd?: number;
}

/** The profiles shipped in data/companies, read once at startup, by ticker. */
@Injectable()
export class CompanyProfilesService {
  private readonly byTicker = new Map(readShippedCompanyProfiles().map((p) => [p.ticker, p]));

  tickers(): string[] {
    return [...this.byTicker.keys()];
  }

  /** The profile, with the caller's overrides (marked as such in their source). */
  get(ticker: string, overrides: BalanceSheetOverrides = {}, field = 'ticker'): CompanyProfile {
    const profile = this.byTicker.get(ticker.toUpperCase());
    if (!profile) throw new RiskException(RiskExceptionCode.UNKNOWN_COMPANY, `no shipped company profile for '${ticker}' (one of ${this.tickers().join(', ')})`, field);
    const given = (figure: SourcedFigure, value: number | undefined): SourcedFigure => (value === undefined ? figure : { value, asOf: null, source: 'request override' });
    const bs = profile.balanceSheet;
    return {
      ...profile,
      balanceSheet: {
        ...bs,
        totalDebtUsd: given(bs.totalDebtUsd, overrides.totalDebtUsd),
        cashUsd: given(bs.cashUsd, overrides.cashUsd),
        btcHeld: given(bs.btcHeld, overrides.btcHeld),
        sharesOutstanding: given(bs.sharesOutstanding, overrides.sharesOutstanding),
        convertibleNotesUsd: given(bs.convertibleNotesUsd, overrides.convertibleNotesUsd),
      },
    };
  }
}
