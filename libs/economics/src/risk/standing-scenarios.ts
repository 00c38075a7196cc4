import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import type { CompanyProfile } from '../companies/company-profile';
import { companyMetrics, type CompanyMetrics } from '../companies/company-metrics';
import { resolveMarket, type MarketInputs, type ResolvedMarket } from '../companies/market-inputs';
import { METHODOLOGY_VERSION } from '../companies/methodology-version';
import { applyMarketShock, type NamedShock } from '../scenarios/market-shock';
import { companyValuation, type CompanyValuationOptions } from '../valuation/company-valuation';

/*
 * The standing stress set a risk desk re-runs for every company whenever its inputs change: each
 * shock alone, then adverse combinations. Each scenario is a MarketShock (ratios, never percents)
 * applied to today's market (scenarios/market-shock.ts); the company is evaluated with the same
 * run-rate metrics (companies/company-metrics.ts) and sum-of-the-parts valuation
 * (valuation/company-valuation.ts) as everywhere else, so a scenario row reads like the base row.
 */

export const STANDING_SCENARIOS: readonly NamedShock[] = Object.freeze([
  { name: 'btc −20 %', shock: { btcPriceChangeRatio: -0.2 } },
  { name: 'btc −40 %', shock: { btcPriceChangeRatio: -0.4 } },
  { name: 'btc −60 %', shock: { btcPriceChangeRatio: -0.6 } },
  { name: 'difficulty +10 %', shock: { difficultyChangeRatio: 0.1 } },
  { name: 'difficulty +25 %', shock: { difficultyChangeRatio: 0.25 } },
  { name: 'fees −50 %', shock: { feesChangeRatio: -0.5 } },
  { name: 'power +30 %', shock: { powerPriceChangeRatio: 0.3 } },
  { name: 'power +50 %', shock: { powerPriceChangeRatio: 0.5 } },
  { name: 'next halving', shock: { halving: true } },
  { name: 'btc −20 % & difficulty +10 %', shock: { btcPriceChangeRatio: -0.2, difficultyChangeRatio: 0.1 } },
  { name: 'next halving & btc −20 %', shock: { halving: true, btcPriceChangeRatio: -0.2 } },
  { name: 'btc −40 % & difficulty +25 % & power +30 %', shock: { btcPriceChangeRatio: -0.4, difficultyChangeRatio: 0.25, powerPriceChangeRatio: 0.3 } },
  {
    name: 'severe: btc −60 %, difficulty +25 %, fees −50 %, power +50 %, halving',
    shock: { btcPriceChangeRatio: -0.6, difficultyChangeRatio: 0.25, feesChangeRatio: -0.5, powerPriceChangeRatio: 0.5, halving: true },
  },
]);

/** One company in one market state: the figures a stress table shows. null = unknown (see missingInputs). */
export interface ScenarioFigures {
  readonly btcPriceUsd: number;
  readonly hashpriceUsdPerPhDay: number;
  readonly directMarginRatio: number | null;
  readonly allInMarginRatio: number | null;
  readonly directCostPerBtcUsd: number | null;
  readonly allInCostPerBtcUsd: number | null;
  /** all-in cost per BTC ÷ BTC price: above 1 the company mines at a loss. */
  readonly allInCostToPriceRatio: number | null;
  readonly breakEvenBtcPriceUsd: number | null;
  readonly ebitdaRunRateUsdPerYear: number | null;
  readonly netCashFlowUsdPerMonth: number | null;
  /** null with burningCash false: no burn, the runway is unbounded. */
  readonly liquidityRunwayMonths: number | null;
  readonly burningCash: boolean | null;
  readonly equityValuePerShareUsd: number | null;
  /** Inputs the null figures need, by figure. */
  readonly missingInputs: Readonly<Record<string, readonly string[]>>;
}

export interface StandingScenarioRow extends ScenarioFigures {
  readonly name: string;
  readonly shock: NamedShock['shock'];
  /** Change of the fair value per share from the base, ratio; null when unknown or the base is not positive. */
  readonly equityValuePerShareChangeRatio: number | null;
  readonly ebitdaChangeUsdPerYear: number | null;
}

export interface StandingScenarioResult {
  readonly ticker: string;
  readonly methodologyVersion: string;
  readonly market: ResolvedMarket;
  readonly base: ScenarioFigures;
  readonly scenarios: readonly StandingScenarioRow[];
}

const FIGURE_METRICS = ['directMarginRatio', 'allInMarginRatio', 'directCostPerBtcUsd', 'allInCostPerBtcUsd', 'breakEvenBtcPriceUsd', 'ebitdaRunRateUsdPerYear', 'netCashFlowUsdPerMonth', 'liquidityRunwayMonths'] as const;

/** The stress-table figures of one company in one market. */
export function scenarioFigures(profile: CompanyProfile, market: MarketInputs, options: CompanyValuationOptions = {}): ScenarioFigures & { readonly metrics: CompanyMetrics } {
  const metrics = companyMetrics(profile, market, options.company);
  const valuation = companyValuation(profile, market, options);
  const missingInputs: Record<string, readonly string[]> = {};
  for (const name of FIGURE_METRICS) {
    const needs = metrics.missingInputs[name];
    if (metrics[name] === null && needs !== undefined && needs.length > 0) missingInputs[name] = needs;
  }
  const valueNeeds = valuation.missingInputs.equityValuePerShareUsd;
  if (valuation.equityValuePerShareUsd === null && valueNeeds !== undefined && valueNeeds.length > 0) missingInputs.equityValuePerShareUsd = valueNeeds;
  const flow = metrics.netCashFlowUsdPerMonth;
  return {
    btcPriceUsd: metrics.market.btcPriceUsd,
    hashpriceUsdPerPhDay: metrics.market.hashpriceUsdPerPhDay,
    directMarginRatio: metrics.directMarginRatio,
    allInMarginRatio: metrics.allInMarginRatio,
    directCostPerBtcUsd: metrics.directCostPerBtcUsd,
    allInCostPerBtcUsd: metrics.allInCostPerBtcUsd,
    allInCostToPriceRatio: metrics.allInCostPerBtcUsd === null ? null : metrics.allInCostPerBtcUsd / metrics.market.btcPriceUsd,
    breakEvenBtcPriceUsd: metrics.breakEvenBtcPriceUsd,
    ebitdaRunRateUsdPerYear: metrics.ebitdaRunRateUsdPerYear,
    netCashFlowUsdPerMonth: flow,
    liquidityRunwayMonths: metrics.liquidityRunwayMonths,
    burningCash: flow === null ? null : flow < 0,
    equityValuePerShareUsd: valuation.equityValuePerShareUsd,
    missingInputs,
    metrics,
  };
}

function withoutMetrics(figures: ScenarioFigures & { metrics?: CompanyMetrics }): ScenarioFigures {
  const rest = { ...figures };
  delete rest.metrics;
  return rest;
}

/** Checks a scenario list: non-empty, unique names; the shocks themselves are checked when applied. */
export function validateScenarioSet(scenarios: readonly NamedShock[]): readonly NamedShock[] {
  if (!Array.isArray(scenarios) || scenarios.length === 0) throw new EconomicsInputError('scenarios', Code.MISSING, 'must list at least one scenario');
  const seen = new Set<string>();
  scenarios.forEach((s, i) => {
    if (typeof s?.name !== 'string' || s.name.trim() === '') throw new EconomicsInputError(`scenarios[${i}].name`, Code.MISSING, 'must be a non-empty string');
    if (seen.has(s.name)) throw new EconomicsInputError(`scenarios[${i}].name`, Code.CONFLICT, `'${s.name}' is listed twice`);
    seen.add(s.name);
  });
  return scenarios;
}

/** The company under every scenario of the set (default: STANDING_SCENARIOS), next to its base. */
export function runStandingScenarios(
  profile: CompanyProfile,
  market: MarketInputs,
  options: CompanyValuationOptions = {},
  scenarios: readonly NamedShock[] = STANDING_SCENARIOS,
): StandingScenarioResult {
  validateScenarioSet(scenarios);
  const resolved = resolveMarket(market);
  const base = withoutMetrics(scenarioFigures(profile, market, options));
  const rows = scenarios.map((scenario, i): StandingScenarioRow => {
    let shocked: MarketInputs;
    try {
      shocked = applyMarketShock(market, scenario.shock);
    } catch (error) {
      if (error instanceof EconomicsInputError) throw new EconomicsInputError(`scenarios[${i}].shock.${error.field}`, error.code, error.rule);
      throw error;
    }
    const figures = withoutMetrics(scenarioFigures(profile, shocked, options));
    return {
      name: scenario.name,
      shock: scenario.shock,
      ...figures,
      equityValuePerShareChangeRatio:
        figures.equityValuePerShareUsd === null || base.equityValuePerShareUsd === null || base.equityValuePerShareUsd <= 0 ? null : figures.equityValuePerShareUsd / base.equityValuePerShareUsd - 1,
      ebitdaChangeUsdPerYear: figures.ebitdaRunRateUsdPerYear === null || base.ebitdaRunRateUsdPerYear === null ? null : figures.ebitdaRunRateUsdPerYear - base.ebitdaRunRateUsdPerYear,
    };
  });
  return { ticker: profile.ticker, methodologyVersion: METHODOLOGY_VERSION, market: resolved, base, scenarios: rows };
}
