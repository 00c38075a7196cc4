import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  calibrateGbm, dailyLogReturns, EconomicsInputError, planMonteCarlo, type MonteCarloResult, type PriceModel,
} from '@hashdesk/economics';
import { readBundledBtcPrices } from '@hashdesk/reference-data';
import { RISK_CONFIG } from '../config/risk-config.token';
import type { RiskEnv } from '../config/risk.config';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';
import { fromEconomicsError } from '../common/risk-exception.filter';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import { MarketResolverService } from '../market/market-resolver.service';
import type { MonteCarloRequestDto } from './dto/monte-carlo.request.dto';
import { MonteCarloWorkerPool } from './monte-carlo-workers';
import { ILLUSTRATIVE_OPEX_ASSUMPTIONS } from './illustrative-opex';

const STANDARD_HORIZONS = [3, 6, 12];

/**
 * Runs a company's Monte Carlo on the service's persistent worker pool (started once at module init,
 * closed on shutdown): the request thread only plans (the fair-value grid) and summarises.
 */
@Injectable()
export class RunMonteCarloUseCase implements OnModuleInit, OnModuleDestroy {
  private pool: MonteCarloWorkerPool | null = null;
  private readonly prices = readBundledBtcPrices();
  private readonly calibration = calibrateGbm(this.prices);
  private readonly returns = dailyLogReturns(this.prices);

  constructor(
    @Inject(RISK_CONFIG) private readonly config: RiskEnv,
    private readonly profiles: CompanyProfilesService,
    private readonly markets: MarketResolverService,
  ) {}

  onModuleInit(): void {
    this.pool = new MonteCarloWorkerPool(this.config.RISK_MONTE_CARLO_WORKERS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }

  async execute(request: MonteCarloRequestDto): Promise<MonteCarloResult & { assumptions: Record<string, unknown> }> {
    const pool = this.pool;
    if (pool === null || pool.queued >= pool.size * this.config.RISK_MONTE_CARLO_QUEUE_PER_WORKER) {
      throw new RiskException(RiskExceptionCode.MONTE_CARLO_BUSY, 'the Monte Carlo workers are busy; retry shortly');
    }
    const profile = this.profiles.get(request.ticker, request.balanceSheet ?? {});
    const market = await this.markets.resolve(request.market);
    const company = { ...ILLUSTRATIVE_OPEX_ASSUMPTIONS, ...Object.fromEntries(Object.entries(request.assumptions ?? {}).filter(([, v]) => v !== undefined)) };
    const priceModel: PriceModel =
      request.model === 'gbm'
        ? { kind: 'gbm', driftPerYear: request.driftPerYear ?? this.calibration.driftPerYear, volatilityPerYear: request.volatilityPerYear ?? this.calibration.volatilityPerYear }
        : { kind: 'block-bootstrap', dailyLogReturns: this.returns, ...(request.blockLengthDays !== undefined && { blockLengthDays: request.blockLengthDays }) };
    const horizonsMonths = [...STANDARD_HORIZONS.filter((h) => h < request.horizonMonths), request.horizonMonths];
    let plan;
    try {
      plan = planMonteCarlo(
        [{ profile, options: { company, valuation: { excludeIncompleteHpcContracts: true } } }],
        {
          btcPriceUsd: market.btcPriceUsd, difficulty: market.difficulty, height: market.height as number, feesBtcPerBlock: market.feesBtcPerBlock as number,
          ...(request.market?.powerUsdPerKwh !== undefined && { powerUsdPerKwh: request.market.powerUsdPerKwh }),
        },
        { seed: request.seed, paths: request.paths, priceModel, horizonsMonths, ...(request.runwayFloorMonths !== undefined && { runwayFloorMonths: request.runwayFloorMonths }) },
      );
    } catch (error) {
      if (error instanceof EconomicsInputError) throw fromEconomicsError(error);
      throw error;
    }
    if (plan.companies.length === 0) {
      const skipped = plan.skippedCompanies[0];
      throw new RiskException(
        RiskExceptionCode.COMPANY_NOT_SIMULABLE,
        `${profile.ticker} cannot be simulated: ${skipped?.reason ?? `its profile lacks ${skipped?.missingInputs.join(', ')}`} (give them under balanceSheet or assumptions)`,
        'ticker',
      );
    }
    const result = await pool.run(plan);
    return { ...result, assumptions: { company, priceModel: request.model === 'gbm' ? priceModel : { kind: 'block-bootstrap', observations: this.returns.length, blockLengthDays: request.blockLengthDays ?? 30 } } };
  }
}
