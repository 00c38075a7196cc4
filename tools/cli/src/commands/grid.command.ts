import {
  COMPANY_VALUATION_NAMES,
  btcPriceByDifficultyGrowthGrid,
  btcPriceByPowerPriceGrid,
  difficultyAfterOneYear,
  type MarketInputs,
} from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { oneOfFlags, optionalStringFlag } from '../cli-flags.util';
import { formatNumber, renderGrid } from '../cli-output.util';
import { CliUsageError } from '../cli-usage.error';
import {
  COMPANY_ASSUMPTION_FLAGS,
  COMPANY_FLAG_FOR_FIELD,
  MACHINE_TARGET_FLAGS,
  MARKET_FLAGS,
  PROFILE_FLAG,
  VALUATION_FLAGS,
  optionalNumberListFlag,
  readMarket,
  readTarget,
  readValuationAssumptions,
} from '../cli-company-flags.util';
import { targetEvaluator, targetJson } from './scenario.command';

/** Row values around the base price when --btc-prices-usd is not given: 60 % … 140 % in steps of 20 %. */
const DEFAULT_PRICE_STEPS = [0.6, 0.8, 1, 1.2, 1.4];
const VALUATION_METRICS = new Set<string>(COMPANY_VALUATION_NAMES);

export const gridCommand: CliCommand = {
  name: 'grid',
  summary: 'sensitivity table of one metric: BTC price × power price, or BTC price × difficulty growth',
  usage: [
    '(--file <PROFILE.json> | --model <NAME> | --hashrate-ths <TH/s> --power-w <W>) --price-usd <USD> --difficulty <D>',
    '    (--height <H> | --subsidy-btc <BTC>) [fees] (--power-usd-per-kwh-values <a,b,…> | --difficulty-growth-pct-values <a,b,…>)',
    '    [--btc-prices-usd <a,b,…>] [--metric <NAME>] [assumptions] [--json]',
  ].join('\n'),
  flags: {
    ...PROFILE_FLAG,
    ...MACHINE_TARGET_FLAGS,
    ...MARKET_FLAGS,
    'btc-prices-usd': { type: 'string', placeholder: '<a,b,…>', description: 'row values, USD per BTC; default 60 %, 80 %, 100 %, 120 %, 140 % of --price-usd' },
    'power-usd-per-kwh-values': { type: 'string', placeholder: '<a,b,…>', description: 'columns: power prices in $/kWh (BTC price × power price)' },
    'difficulty-growth-pct-values': { type: 'string', placeholder: '<a,b,…>', description: 'columns: difficulty growth in percent per year (BTC price × difficulty growth)' },
    metric: { type: 'string', placeholder: '<NAME>', description: 'the metric in the cells (default: company powerMarginRatio / miningValueUsd, machine profitUsdPerDay)' },
    ...COMPANY_ASSUMPTION_FLAGS,
    ...VALUATION_FLAGS,
  },
  flagForField: { ...COMPANY_FLAG_FOR_FIELD, metrics: 'metric' },
  notes: [
    'Difficulty growth feeds the DCF path for valuation metrics (miningValueUsd, equityValuePerShareUsd, …);',
    'for run-rate metrics and machines it sets the difficulty a year ahead, D·(1 + g).',
    'Example: hashdesk grid --file data/companies/riot.json --price-usd 113043 --difficulty 137.63e12 --height 915000 \\',
    '           --power-usd-per-kwh-values 0.03,0.04,0.05,0.06 --metric powerMarginRatio',
  ],
  run(flags) {
    const target = readTarget(flags);
    const market = readMarket(flags);
    const kind = oneOfFlags(flags, ['power-usd-per-kwh-values', 'difficulty-growth-pct-values']);
    const prices = optionalNumberListFlag(flags, 'btc-prices-usd', { min: 0, exclusiveMin: true }) ?? DEFAULT_PRICE_STEPS.map((step) => market.btcPriceUsd * step);
    const metric =
      optionalStringFlag(flags, 'metric') ??
      (target.kind === 'machine' ? 'profitUsdPerDay' : kind === 'power-usd-per-kwh-values' ? 'powerMarginRatio' : 'miningValueUsd');
    const evaluate = targetEvaluator(target, [metric], flags);
    const value = (m: MarketInputs) => evaluate(m)[metric];
    let grid;
    if (kind === 'power-usd-per-kwh-values') {
      const powers = optionalNumberListFlag(flags, 'power-usd-per-kwh-values', { min: 0 }) as number[];
      grid = btcPriceByPowerPriceGrid(market, metric, prices, powers, value);
    } else {
      const growthPct = optionalNumberListFlag(flags, 'difficulty-growth-pct-values', { min: -100, exclusiveMin: true }) as number[];
      const viaDcf = target.kind === 'company' && VALUATION_METRICS.has(metric);
      if (viaDcf && readValuationAssumptions(flags).difficultyGrowthRatioPerYear !== undefined) {
        throw new CliUsageError('difficulty-growth-pct-per-year', 'cannot be combined with --difficulty-growth-pct-values (the columns set it)');
      }
      grid = btcPriceByDifficultyGrowthGrid(market, metric, prices, growthPct.map((g) => g / 100), (m, g) =>
        viaDcf && target.kind === 'company'
          ? targetEvaluator(target, [metric], { ...flags, 'difficulty-growth-pct-per-year': String(g * 100) })(m)[metric]
          : value(difficultyAfterOneYear(m, g)),
      );
    }
    const columnLabel = (v: number) => (kind === 'power-usd-per-kwh-values' ? `$${formatNumber(v, 4)}/kWh` : `${formatNumber(v * 100, 4)} %/yr`);
    const text = [
      `${metric}: BTC price (rows) × ${kind === 'power-usd-per-kwh-values' ? 'power price' : 'difficulty growth'} (columns)`,
      '',
      renderGrid(['BTC price (USD)', ...grid.columnAxis.values.map(columnLabel)], grid.rowAxis.values.map((price, i) => [price, ...grid.cells[i]])),
    ].join('\n');
    return { json: { target: targetJson(target), baseMarket: market, ...grid }, text };
  },
};
