import {
  DEFAULT_COMPANY_SCENARIO_METRICS,
  MACHINE_SCENARIO_METRICS,
  METHODOLOGY_VERSION,
  STANDARD_SHOCKS,
  companyEvaluator,
  compareScenario,
  machineEvaluator,
  type MetricEvaluator,
  type NamedShock,
} from '@hashdesk/economics';
import type { CliCommand, CliFlagValues } from '../cli-command.interface';
import { optionalStringFlag } from '../cli-flags.util';
import { formatNumber, renderGrid } from '../cli-output.util';
import { CliUsageError } from '../cli-usage.error';
import {
  COMPANY_ASSUMPTION_FLAGS,
  COMPANY_FLAG_FOR_FIELD,
  MACHINE_TARGET_FLAGS,
  MARKET_FLAGS,
  PROFILE_FLAG,
  SHOCK_FLAGS,
  VALUATION_FLAGS,
  readCompanyAssumptions,
  readMarket,
  readShock,
  readTarget,
  readValuationAssumptions,
  type Target,
} from '../cli-company-flags.util';

/** `--metrics a,b` or the target's default list. */
export function readMetricNames(flags: CliFlagValues, target: Target): readonly string[] {
  const raw = optionalStringFlag(flags, 'metrics');
  if (raw === undefined) return target.kind === 'company' ? DEFAULT_COMPANY_SCENARIO_METRICS : MACHINE_SCENARIO_METRICS;
  const names = raw.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new CliUsageError('metrics', 'must be a comma-separated list of metric names');
  return names;
}

/** The evaluator for a company (metrics + valuation) or a machine. */
export function targetEvaluator(target: Target, metrics: readonly string[], flags: CliFlagValues): MetricEvaluator {
  return target.kind === 'company'
    ? companyEvaluator(target.profile, metrics, { company: readCompanyAssumptions(flags), valuation: readValuationAssumptions(flags) })
    : machineEvaluator(target.machine, metrics);
}

export function targetJson(target: Target): Record<string, unknown> {
  return target.kind === 'company'
    ? { kind: 'company', ticker: target.profile.ticker, name: target.profile.name, asOf: target.profile.asOf }
    : { kind: 'machine', ...(target.model !== undefined && { model: target.model }), ...target.machine };
}

const change = (ratio: number | null) => (ratio === null ? null : `${ratio >= 0 ? '+' : ''}${formatNumber(ratio * 100, 4)} %`);

export const scenarioCommand: CliCommand = {
  name: 'scenario',
  summary: 'deterministic shocks (BTC price, difficulty, fees, power, halving) to a company or a machine',
  usage: [
    '(--file <PROFILE.json> | --model <NAME> | --hashrate-ths <TH/s> --power-w <W>) --price-usd <USD> --difficulty <D>',
    '    (--height <H> | --subsidy-btc <BTC>) [fees] [--power-usd-per-kwh <$/kWh>]',
    '    ([--btc-price-pct <%>] [--difficulty-pct <%>] [--fees-pct <%>] [--power-pct <%>] [--share-price-pct <%>] [--halving] | --standard)',
    '    [--metrics <a,b,…>] [assumptions] [--json]',
  ].join('\n'),
  flags: {
    ...PROFILE_FLAG,
    ...MACHINE_TARGET_FLAGS,
    ...MARKET_FLAGS,
    ...SHOCK_FLAGS,
    standard: { type: 'boolean', description: 'run the standard stress set: each shock alone (−20 % price, +10 % difficulty, −50 % fees, +30 % power, halving), then all together' },
    metrics: { type: 'string', placeholder: '<a,b,…>', description: 'metrics to compare (company: any company or valuation metric; machine: revenueUsdPerDay, profitUsdPerDay, …)' },
    ...COMPANY_ASSUMPTION_FLAGS,
    ...VALUATION_FLAGS,
  },
  flagForField: COMPANY_FLAG_FOR_FIELD,
  notes: [
    'Shocks are percents (--btc-price-pct -20 = −20 %) applied to the market; --halving halves the subsidy as if',
    'the halving happened now (fees stay in BTC). A machine needs --power-usd-per-kwh; --power-pct scales it.',
    'Example: hashdesk scenario --model "Antminer S21" --power-usd-per-kwh 0.05 --price-usd 100000 \\',
    '           --difficulty 150e12 --height 930000 --fees-btc-per-block 0.025 --btc-price-pct -20 --halving',
  ],
  run(flags) {
    const target = readTarget(flags);
    const market = readMarket(flags);
    const shock = readShock(flags);
    if (shock !== undefined && flags['standard'] === true) throw new CliUsageError('standard', 'cannot be combined with shock flags (give one or the other)');
    if (shock === undefined && flags['standard'] !== true) {
      throw new CliUsageError('btc-price-pct', 'give at least one shock (--btc-price-pct, --difficulty-pct, --fees-pct, --power-pct, --share-price-pct, --halving) or --standard');
    }
    const shocks: readonly NamedShock[] = shock === undefined ? STANDARD_SHOCKS : [{ name: 'custom', shock }];
    const evaluate = targetEvaluator(target, readMetricNames(flags, target), flags);
    const scenarios = shocks.map(({ name, shock: s }) => ({ name, ...compareScenario(market, s, evaluate) }));
    const json = {
      methodologyVersion: METHODOLOGY_VERSION,
      target: targetJson(target),
      baseMarket: market,
      scenarios: scenarios.map(({ name, shock: s, shockedMarket, rows }) => ({ name, shock: s, shockedMarket, rows })),
    };
    const title = target.kind === 'company' ? `${target.profile.ticker} (${target.profile.name})` : (target.model ?? `${target.machine.hashrateThs} TH/s @ ${target.machine.powerW} W`);
    const first = scenarios[0];
    const text =
      scenarios.length === 1
        ? renderGrid(['metric', 'base', 'shocked', 'change'], first.rows.map((r) => [r.metric, r.base, r.shocked, change(r.changeRatio)]))
        : renderGrid(['metric', 'base', ...scenarios.map((s) => s.name)], first.rows.map((r, i) => [r.metric, r.base, ...scenarios.map((s) => s.rows[i].shocked)]));
    const shockText = scenarios.length === 1 ? `shock: ${JSON.stringify(first.shock)}` : 'standard stress set';
    return { json, text: `${title}: ${shockText}\n\n${text}\n\n(- = unknown or not meaningful: "hashdesk company" lists the missing inputs)` };
  },
};
