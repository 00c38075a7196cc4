import { Injectable } from '@nestjs/common';
import { parseCompanyProfile, periodProfilesFromVersions, summarizeBacktest, type BacktestSummary } from '@hashdesk/economics';
import { CompanyBacktestRepository } from './company-backtest.repository';

/**
 * The model against reported figures for one company, from the profile versions valuation received
 * and the network days it holds (the same pure backtest the CLI runs on the bundled files).
 */
@Injectable()
export class CompanyBacktestQuery {
  constructor(private readonly repository: CompanyBacktestRepository) {}

  /** undefined when the ticker has no profile. */
  async backtest(ticker: string): Promise<BacktestSummary | undefined> {
    const versions = (await this.repository.profileVersions(ticker)).map((json) => parseCompanyProfile(JSON.parse(json)));
    if (versions.length === 0) return undefined;
    const periods = periodProfilesFromVersions(versions);
    const days = await this.repository.networkDays(periods[0].period.startDate, periods[periods.length - 1].period.endDate);
    return summarizeBacktest(ticker, periods, days);
  }
}
