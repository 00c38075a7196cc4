import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import type { CompanyProfile } from '../companies/company-profile';
import { COMPANY_METRIC_NAMES, companyMetrics, type CompanyMetricName } from '../companies/company-metrics';
import type { MarketInputs } from '../companies/market-inputs';
import { COMPANY_VALUATION_NAMES, companyValuation, type CompanyValuationName, type CompanyValuationOptions } from '../valuation/company-valuation';
import { machineAtMarket, type MachineAtMarket, type MachineSpecInput } from './machine-at-market';
import type { MetricEvaluator } from './scenario-comparison';

/*
 * Ready-made evaluators for scenarios and grids: pick named metrics of a company (run-rate metrics
 * and valuation) or of a machine in any market state.
 */

export type CompanyScenarioMetric = CompanyMetricName | CompanyValuationName;

export const DEFAULT_COMPANY_SCENARIO_METRICS: readonly CompanyScenarioMetric[] = [
  'btcPerDay',
  'miningRevenueUsdPerDay',
  'powerCostPerBtcUsd',
  'directCostPerBtcUsd',
  'allInCostPerBtcUsd',
  'powerHashcostUsdPerPhDay',
  'directMarginRatio',
  'ebitdaRunRateUsdPerYear',
  'mNavBasic',
  'mNavEv',
  'breakEvenBtcPriceUsd',
  'liquidityRunwayMonths',
  'miningValueUsd',
  'equityValuePerShareUsd',
];

export const MACHINE_SCENARIO_METRICS = [
  'hashpriceUsdPerPhDay',
  'revenueUsdPerDay',
  'powerCostUsdPerDay',
  'profitUsdPerDay',
  'grossMargin',
  'breakevenPowerUsdPerKwh',
  'shutdownPriceUsd',
  'paybackDays',
] as const;
export type MachineScenarioMetric = (typeof MACHINE_SCENARIO_METRICS)[number];

const METRIC_SET = new Set<string>(COMPANY_METRIC_NAMES);
const VALUATION_SET = new Set<string>(COMPANY_VALUATION_NAMES);

export function isCompanyScenarioMetric(name: string): name is CompanyScenarioMetric {
  return METRIC_SET.has(name) || VALUATION_SET.has(name);
}

/** Company metrics by name in any market; the valuation runs only when a valuation metric is asked for. */
export function companyEvaluator(
  profile: CompanyProfile,
  metrics: readonly string[] = DEFAULT_COMPANY_SCENARIO_METRICS,
  options: CompanyValuationOptions = {},
): MetricEvaluator {
  const unknownName = metrics.find((name) => !isCompanyScenarioMetric(name));
  if (unknownName !== undefined) {
    throw new EconomicsInputError('metrics', Code.UNKNOWN, `unknown metric '${unknownName}' (one of ${[...new Set([...COMPANY_METRIC_NAMES, ...COMPANY_VALUATION_NAMES])].join(', ')})`);
  }
  const needsValuation = metrics.some((name) => VALUATION_SET.has(name));
  return (market: MarketInputs) => {
    const run = companyMetrics(profile, market, options.company);
    const value = needsValuation ? companyValuation(profile, market, options) : null;
    const out: Record<string, number | null> = {};
    for (const name of metrics) {
      out[name] = METRIC_SET.has(name) ? run[name as CompanyMetricName] : (value as NonNullable<typeof value>)[name as CompanyValuationName];
    }
    return out;
  };
}

/** Machine metrics by name in any market. */
export function machineEvaluator(machine: MachineSpecInput, metrics: readonly string[] = MACHINE_SCENARIO_METRICS): MetricEvaluator {
  const unknownName = metrics.find((name) => !(MACHINE_SCENARIO_METRICS as readonly string[]).includes(name));
  if (unknownName !== undefined) {
    throw new EconomicsInputError('metrics', Code.UNKNOWN, `unknown metric '${unknownName}' (one of ${MACHINE_SCENARIO_METRICS.join(', ')})`);
  }
  return (market: MarketInputs) => {
    const result: MachineAtMarket = machineAtMarket(machine, market);
    const out: Record<string, number | null> = {};
    for (const name of metrics) {
      const value = result[name as MachineScenarioMetric];
      out[name] = value === undefined ? null : value;
    }
    return out;
  };
}
