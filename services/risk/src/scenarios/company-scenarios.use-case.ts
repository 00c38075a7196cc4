import { Injectable } from '@nestjs/common';
import {
  assertUnreachable, btcPriceByDifficultyGrowthGrid, btcPriceByPowerPriceGrid, difficultyAfterOneYear, EconomicsInputError, scenarioFigures,
  type CompanyValuationOptions, type MarketInputs, type SensitivityGrid,
} from '@hashdesk/economics';
import { RiskException, RiskExceptionCode } from '../common/risk.exception';
import { fromEconomicsError } from '../common/risk-exception.filter';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import { MarketResolverService } from '../market/market-resolver.service';
import { POWER_GRID_METRICS, type SensitivityGridQueryDto } from './dto/sensitivity-grid.query.dto';
import { ScenarioEvaluationsRepository, type StoredScenarioEvaluation } from './scenario-evaluations.repository';

const BTC_PRICE_FACTORS = [0.4, 0.6, 0.8, 1, 1.2, 1.5, 2];
const DEFAULT_POWER_USD_PER_KWH = [0.03, 0.04, 0.05, 0.06, 0.07, 0.08];
const DEFAULT_DIFFICULTY_GROWTH = [0, 0.1, 0.25, 0.5, 1];

export interface CompanySensitivityGrid extends SensitivityGrid {
  ticker: string;
  kind: SensitivityGridQueryDto['kind'];
  /** The market the grid is centred on, and where it came from. */
  market: MarketInputs;
  marketSource: { evaluationId: string; asOf: string } | 'network-market-state';
}

/** A company's stored scenario evaluations, and its sensitivity grids at the newest stored market. */
@Injectable()
export class CompanyScenariosUseCase {
  constructor(
    private readonly profiles: CompanyProfilesService,
    private readonly evaluations: ScenarioEvaluationsRepository,
    private readonly markets: MarketResolverService,
  ) {}

  async latest(ticker: string, asOf?: string): Promise<StoredScenarioEvaluation> {
    const profile = this.profiles.get(ticker);
    const found = await this.evaluations.latest(profile.ticker, asOf === undefined ? undefined : new Date(asOf));
    if (found === null) {
      throw new RiskException(RiskExceptionCode.EVALUATION_NOT_FOUND, `no scenario evaluation of ${profile.ticker}${asOf ? ` as of ${asOf}` : ''} yet`, asOf ? 'asOf' : 'ticker');
    }
    return found;
  }

  /** The company's evaluations with valuation as-of at or before `asOf`, newest first; an unknown ticker is a 404, none yet an empty list. */
  async history(ticker: string, limit: number, asOf?: string): Promise<StoredScenarioEvaluation[]> {
    const profile = this.profiles.get(ticker);
    return this.evaluations.history(profile.ticker, limit, asOf === undefined ? undefined : new Date(asOf));
  }

  async grid(ticker: string, query: SensitivityGridQueryDto): Promise<CompanySensitivityGrid> {
    const profile = this.profiles.get(ticker);
    const stored = await this.evaluations.latest(profile.ticker);
    let market = stored?.market ?? (await this.markets.resolve(undefined));
    const metric = query.metric ?? 'allInMarginRatio';
    const options: CompanyValuationOptions = { valuation: { excludeIncompleteHpcContracts: true } };
    const at = (m: MarketInputs): number | null => {
      const figures = scenarioFigures(profile, m, options);
      return POWER_GRID_METRICS.has(metric) ? figures.metrics[metric as 'powerMarginRatio' | 'powerCostPerBtcUsd'] : figures[metric as Exclude<typeof metric, 'powerMarginRatio' | 'powerCostPerBtcUsd'>];
    };
    const prices = query.btcPricesUsd ?? BTC_PRICE_FACTORS.map((f) => Math.round(market.btcPriceUsd * f));
    let grid: SensitivityGrid;
    try {
      switch (query.kind) {
        case 'btc-x-power':
          grid = btcPriceByPowerPriceGrid(market, metric, prices, query.powerUsdPerKwh ?? DEFAULT_POWER_USD_PER_KWH, at);
          break;
        case 'btc-x-difficulty': {
          if (query.powerUsdPerKwh !== undefined && query.powerUsdPerKwh.length !== 1) {
            throw new RiskException(RiskExceptionCode.INVALID_INPUT, 'powerUsdPerKwh: btc-x-difficulty takes one power price, assumed in every cell', 'powerUsdPerKwh');
          }
          // A stated power price replaces the company's own in every cell (the response's market shows it).
          if (query.powerUsdPerKwh !== undefined) market = { ...market, powerUsdPerKwh: query.powerUsdPerKwh[0] };
          grid = btcPriceByDifficultyGrowthGrid(market, metric, prices, query.difficultyGrowthRatios ?? DEFAULT_DIFFICULTY_GROWTH, (m, g) => at(difficultyAfterOneYear(m, g)));
          break;
        }
        default:
          return assertUnreachable(query.kind);
      }
    } catch (error) {
      if (error instanceof EconomicsInputError) throw fromEconomicsError(new EconomicsInputError(queryField(error.field), error.code, error.rule));
      throw error;
    }
    return {
      ticker: profile.ticker,
      kind: query.kind,
      market,
      marketSource: stored ? { evaluationId: stored.evaluationId, asOf: stored.asOf } : 'network-market-state',
      ...grid,
    };
  }
}

/** The library's axis names back to the query's fields (btcPriceUsd[2] → btcPricesUsd[2]). */
function queryField(field: string): string {
  return field
    .replace(/^btcPriceUsd/, 'btcPricesUsd')
    .replace(/^powerUsdPerKwh/, 'powerUsdPerKwh')
    .replace(/^difficultyGrowthRatio(PerYear)?/, 'difficultyGrowthRatios');
}
