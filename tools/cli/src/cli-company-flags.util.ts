import { readFileSync } from 'node:fs';
import {
  EconomicsInputError,
  findAsicModel,
  parseCompanyProfile,
  type CompanyAssumptions,
  type CompanyProfile,
  type MachineSpecInput,
  type MarketInputs,
  type MarketShock,
  type ValuationAssumptions,
} from '@hashdesk/economics';
import type { CliFlagSpecs, CliFlagValues } from './cli-command.interface';
import { oneOfFlags, optionalNumberFlag, optionalStringFlag, stringFlag } from './cli-flags.util';
import { DIFFICULTY_FLAG, FEE_FLAGS, NETWORK_FLAG_FOR_FIELD, PRICE_FLAG, SUBSIDY_FLAGS, readDifficulty, readPriceUsd, readReward } from './cli-network-flags.util';
import { CliUsageError } from './cli-usage.error';

/*
 * Flags shared by `company`, `scenario` and `grid`: the profile file (the CLI reads it; the library
 * never does), the market state, the company and valuation assumptions, the shocks, and a machine
 * as the alternative target. Flags ending in -pct are percents (-20 = −20 %); the others that are
 * ratios say 0..1.
 */

export const PROFILE_FLAG: CliFlagSpecs = {
  file: { type: 'string', placeholder: '<PROFILE.json>', description: 'company profile (format v1, schemas/company-profile.schema.json), e.g. data/companies/riot.json' },
};

export const MARKET_FLAGS: CliFlagSpecs = {
  ...PRICE_FLAG,
  ...DIFFICULTY_FLAG,
  ...SUBSIDY_FLAGS,
  ...FEE_FLAGS,
  'share-price-usd': { type: 'string', placeholder: '<USD>', description: 'share price in USD; needed for market cap, EV, mNAV and SOTP vs price' },
  'power-usd-per-kwh': { type: 'string', placeholder: '<$/kWh>', description: "power price override in USD per kWh (default: the profile's price)" },
};

export const COMPANY_ASSUMPTION_FLAGS: CliFlagSpecs = {
  uptime: { type: 'string', placeholder: '<0..1>', description: 'installed hashrate share that runs, used when the profile has no operating hashrate; default 1' },
  'pool-fee': { type: 'string', placeholder: '<0..1>', description: 'pool fee as a ratio; default 0' },
  'other-direct-cost-usd-per-btc': { type: 'string', placeholder: '<USD>', description: 'other direct cost per BTC when the profile has none (no default)' },
  'sga-ex-sbc-usd-per-btc': { type: 'string', placeholder: '<USD>', description: 'SG&A ex-SBC per BTC when the profile has none (no default)' },
  'interest-usd-per-btc': { type: 'string', placeholder: '<USD>', description: 'interest expense per BTC when the profile has none (no default)' },
  'depreciation-usd-per-btc': { type: 'string', placeholder: '<USD>', description: 'depreciation per BTC when the profile has none (no default)' },
  'sbc-usd-per-btc': { type: 'string', placeholder: '<USD>', description: 'stock-based compensation per BTC when the profile has none (no default)' },
  'mining-share-of-overhead': { type: 'string', placeholder: '<0..1>', description: 'share of overhead charged to mining costs per BTC; default 1' },
  'hpc-noi-margin-ratio': { type: 'string', placeholder: '<0..1>', description: 'HPC lease NOI margin where a contract states none; default 0.85 (TeraWulf)' },
  'liquidity-excludes-btc': { type: 'boolean', description: 'count only cash as liquidity for the runway (default: cash + BTC at market)' },
};

export const VALUATION_FLAGS: CliFlagSpecs = {
  'horizon-months': { type: 'string', placeholder: '<months>', description: 'DCF horizon (fleet life); default 60' },
  'btc-price-growth-pct-per-year': { type: 'string', placeholder: '<%>', description: 'BTC price path growth, percent per year; default 0' },
  'difficulty-growth-pct-per-year': { type: 'string', placeholder: '<%>', description: 'difficulty path growth, percent per year; default 0' },
  'degradation-pct-per-year': { type: 'string', placeholder: '<%>', description: 'share of the fleet retired per year, percent; default 0' },
  'replace-degraded': { type: 'boolean', description: 'replace retired hashrate (needs --replacement-capex-usd-per-th)' },
  'replacement-capex-usd-per-th': { type: 'string', placeholder: '<$/TH>', description: 'price of replacement machines per TH/s' },
  'replacement-efficiency-jth': { type: 'string', placeholder: '<J/TH>', description: 'efficiency of replacement machines; default the fleet\'s' },
  'run-when-unprofitable': { type: 'boolean', description: 'keep mining in months whose revenue does not cover power (default: idle)' },
  'tax-rate': { type: 'string', placeholder: '<0..1>', description: 'tax rate; default 0.21' },
  'discount-rate-per-year': { type: 'string', placeholder: '<ratio>', description: 'mining discount rate per year; default 0.15' },
  'hpc-discount-rate-per-year': { type: 'string', placeholder: '<ratio>', description: 'HPC contract discount rate per year; default 0.10' },
  'hpc-start-delay-months': { type: 'string', placeholder: '<months>', description: 'months to first rent when a contract gives no start date; default 0' },
  'hpc-build-capex-usd-per-mw': { type: 'string', placeholder: '<USD>', description: 'build capex per MW for unbuilt contracts that state none (no default)' },
  'hpc-ev-per-mw-usd': { type: 'string', placeholder: '<USD>', description: 'EV per critical-IT MW for the HPC cross-check (no default)' },
  'exclude-incomplete-hpc-contracts': { type: 'boolean', description: 'value HPC from complete contracts only, listing the others' },
  'valuation-date': { type: 'string', placeholder: '<YYYY-MM-DD>', description: "valuation date for rent start delays; default the profile's asOf" },
};

export const SHOCK_FLAGS: CliFlagSpecs = {
  'btc-price-pct': { type: 'string', placeholder: '<%>', description: 'BTC price change in percent, e.g. -20' },
  'difficulty-pct': { type: 'string', placeholder: '<%>', description: 'difficulty change in percent, e.g. 10' },
  'fees-pct': { type: 'string', placeholder: '<%>', description: 'fees per block change in percent, e.g. -50' },
  'power-pct': { type: 'string', placeholder: '<%>', description: 'power price change in percent, e.g. 30' },
  'share-price-pct': { type: 'string', placeholder: '<%>', description: 'share price change in percent' },
  halving: { type: 'boolean', description: 'the halving happens now (subsidy halves, fees stay)' },
};

export const MACHINE_TARGET_FLAGS: CliFlagSpecs = {
  model: { type: 'string', placeholder: '<NAME>', description: 'ASIC model from the catalog (instead of --file), e.g. "Antminer S21 XP"' },
  'hashrate-ths': { type: 'string', placeholder: '<TH/s>', description: 'machine hashrate (instead of --file or --model)' },
  'power-w': { type: 'string', placeholder: '<W>', description: 'machine power at the wall (with --hashrate-ths)' },
  'capex-usd': { type: 'string', placeholder: '<USD>', description: 'machine price; adds payback (machines only)' },
};

/** EconomicsInputError fields → the flag the user typed. */
export const COMPANY_FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  ...NETWORK_FLAG_FOR_FIELD,
  btcPriceUsd: 'price-usd',
  powerPriceFactor: 'power-pct',
  hpcNoiMarginRatio: 'hpc-noi-margin-ratio',
  btcPriceGrowthRatioPerYear: 'btc-price-growth-pct-per-year',
  difficultyGrowthRatioPerYear: 'difficulty-growth-pct-per-year',
  fleetDegradationRatioPerYear: 'degradation-pct-per-year',
  hpcStartDelayMonthsWhenUnknown: 'hpc-start-delay-months',
  excludeIncompleteHpcContracts: 'exclude-incomplete-hpc-contracts',
  btcPriceChangeRatio: 'btc-price-pct',
  difficultyChangeRatio: 'difficulty-pct',
  feesChangeRatio: 'fees-pct',
  powerPriceChangeRatio: 'power-pct',
  sharePriceChangeRatio: 'share-price-pct',
  metrics: 'metrics',
};

/** Reads and validates the profile file; every problem is reported against --file. */
export function readProfile(flags: CliFlagValues): CompanyProfile {
  const path = stringFlag(flags, 'file');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError('file', `cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError('file', `'${path}' is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return parseCompanyProfile(json);
  } catch (error) {
    if (error instanceof EconomicsInputError) throw new CliUsageError('file', `'${path}' is not a valid company profile: ${error.field || '(root)'}: ${error.rule}`);
    throw error;
  }
}

const POSITIVE = { min: 0, exclusiveMin: true } as const;
const NON_NEGATIVE = { min: 0 } as const;
const RATIO = { min: 0, max: 1 } as const;
const PCT = { min: -100, exclusiveMin: true } as const;

const pct = (flags: CliFlagValues, name: string) => {
  const value = optionalNumberFlag(flags, name, PCT);
  return value === undefined ? undefined : value / 100;
};

/** The market state: price, difficulty, subsidy (height or BTC), fees (default 0), share and power price. */
export function readMarket(flags: CliFlagValues): MarketInputs {
  const difficulty = readDifficulty(flags);
  const reward = readReward(flags);
  return {
    btcPriceUsd: readPriceUsd(flags, true) as number,
    difficulty,
    ...(reward.height !== undefined ? { height: reward.height } : { subsidyBtc: reward.subsidyBtc }),
    feesBtcPerBlock: reward.feesBtcPerBlock,
    sharePriceUsd: optionalNumberFlag(flags, 'share-price-usd', POSITIVE),
    powerUsdPerKwh: optionalNumberFlag(flags, 'power-usd-per-kwh', NON_NEGATIVE),
  };
}

export function readCompanyAssumptions(flags: CliFlagValues): Partial<CompanyAssumptions> {
  return {
    uptime: optionalNumberFlag(flags, 'uptime', RATIO),
    poolFee: optionalNumberFlag(flags, 'pool-fee', { min: 0, max: 1, exclusiveMax: true }),
    otherDirectCostUsdPerBtc: optionalNumberFlag(flags, 'other-direct-cost-usd-per-btc', NON_NEGATIVE),
    sgaExSbcUsdPerBtc: optionalNumberFlag(flags, 'sga-ex-sbc-usd-per-btc', NON_NEGATIVE),
    interestUsdPerBtc: optionalNumberFlag(flags, 'interest-usd-per-btc', NON_NEGATIVE),
    depreciationUsdPerBtc: optionalNumberFlag(flags, 'depreciation-usd-per-btc', NON_NEGATIVE),
    sbcUsdPerBtc: optionalNumberFlag(flags, 'sbc-usd-per-btc', NON_NEGATIVE),
    miningShareOfOverhead: optionalNumberFlag(flags, 'mining-share-of-overhead', RATIO),
    hpcNoiMarginRatio: optionalNumberFlag(flags, 'hpc-noi-margin-ratio', RATIO),
    ...(flags['liquidity-excludes-btc'] === true && { liquidityIncludesBtc: false }),
  };
}

export function readValuationAssumptions(flags: CliFlagValues): Partial<ValuationAssumptions> {
  if (flags['replace-degraded'] === true && flags['replacement-capex-usd-per-th'] === undefined) {
    throw new CliUsageError('replace-degraded', 'needs --replacement-capex-usd-per-th as well');
  }
  return {
    horizonMonths: optionalNumberFlag(flags, 'horizon-months', { min: 1, max: 1200, integer: true }),
    btcPriceGrowthRatioPerYear: pct(flags, 'btc-price-growth-pct-per-year'),
    difficultyGrowthRatioPerYear: pct(flags, 'difficulty-growth-pct-per-year'),
    fleetDegradationRatioPerYear: (() => {
      const value = optionalNumberFlag(flags, 'degradation-pct-per-year', { min: 0, max: 100, exclusiveMax: true });
      return value === undefined ? undefined : value / 100;
    })(),
    ...(flags['replace-degraded'] === true && { replaceDegradedHashrate: true }),
    replacementCapexUsdPerTh: optionalNumberFlag(flags, 'replacement-capex-usd-per-th', NON_NEGATIVE),
    replacementEfficiencyJth: optionalNumberFlag(flags, 'replacement-efficiency-jth', POSITIVE),
    ...(flags['run-when-unprofitable'] === true && { shutdownWhenUnprofitable: false }),
    taxRate: optionalNumberFlag(flags, 'tax-rate', { min: 0, max: 1, exclusiveMax: true }),
    discountRatePerYear: optionalNumberFlag(flags, 'discount-rate-per-year', { min: -1, exclusiveMin: true, max: 10 }),
    hpcDiscountRatePerYear: optionalNumberFlag(flags, 'hpc-discount-rate-per-year', { min: -1, exclusiveMin: true, max: 10 }),
    hpcStartDelayMonthsWhenUnknown: optionalNumberFlag(flags, 'hpc-start-delay-months', { min: 0, max: 1200, integer: true }),
    hpcBuildCapexUsdPerMw: optionalNumberFlag(flags, 'hpc-build-capex-usd-per-mw', NON_NEGATIVE),
    hpcEvPerMwUsd: optionalNumberFlag(flags, 'hpc-ev-per-mw-usd', NON_NEGATIVE),
    ...(flags['exclude-incomplete-hpc-contracts'] === true && { excludeIncompleteHpcContracts: true }),
    valuationDate: optionalStringFlag(flags, 'valuation-date'),
  };
}

/** The shock from the -pct flags and --halving; undefined when none was given. */
export function readShock(flags: CliFlagValues): MarketShock | undefined {
  const shock: MarketShock = {
    btcPriceChangeRatio: pct(flags, 'btc-price-pct'),
    difficultyChangeRatio: pct(flags, 'difficulty-pct'),
    feesChangeRatio: pct(flags, 'fees-pct'),
    powerPriceChangeRatio: pct(flags, 'power-pct'),
    sharePriceChangeRatio: pct(flags, 'share-price-pct'),
    ...(flags['halving'] === true && { halving: true }),
  };
  const given = Object.fromEntries(Object.entries(shock).filter(([, value]) => value !== undefined)) as MarketShock;
  return Object.keys(given).length === 0 ? undefined : given;
}

export type Target =
  | { readonly kind: 'company'; readonly profile: CompanyProfile }
  | { readonly kind: 'machine'; readonly model?: string; readonly machine: MachineSpecInput };

/** `--file` (a company) or `--model` / `--hashrate-ths --power-w` (a machine, which needs --power-usd-per-kwh). */
export function readTarget(flags: CliFlagValues): Target {
  const source = oneOfFlags(flags, ['file', 'model', 'hashrate-ths']);
  if (source === 'file') {
    const stray = ['power-w', 'capex-usd'].find((name) => flags[name] !== undefined);
    if (stray) throw new CliUsageError(stray, 'is for machines (--model or --hashrate-ths), not with --file');
    return { kind: 'company', profile: readProfile(flags) };
  }
  let model: string | undefined;
  let hashrateThs: number;
  let powerW: number;
  if (source === 'model') {
    if (flags['power-w'] !== undefined) throw new CliUsageError('power-w', 'cannot be combined with --model (the catalog gives the power)');
    ({ model, hashrateThs, powerW } = findAsicModel(stringFlag(flags, 'model')));
  } else {
    hashrateThs = optionalNumberFlag(flags, 'hashrate-ths', POSITIVE) as number;
    const power = optionalNumberFlag(flags, 'power-w', POSITIVE);
    if (power === undefined) throw new CliUsageError('power-w', 'is required with --hashrate-ths');
    powerW = power;
  }
  const powerUsdPerKwh = optionalNumberFlag(flags, 'power-usd-per-kwh', NON_NEGATIVE);
  if (powerUsdPerKwh === undefined) throw new CliUsageError('power-usd-per-kwh', 'is required for a machine');
  return {
    kind: 'machine',
    ...(model !== undefined && { model }),
    machine: {
      hashrateThs,
      powerW,
      powerUsdPerKwh,
      uptime: optionalNumberFlag(flags, 'uptime', RATIO),
      poolFee: optionalNumberFlag(flags, 'pool-fee', { min: 0, max: 1, exclusiveMax: true }),
      capexUsd: optionalNumberFlag(flags, 'capex-usd', NON_NEGATIVE),
    },
  };
}

/** A comma-separated list of numbers, each checked by `rule`; undefined when the flag is absent. */
export function optionalNumberListFlag(flags: CliFlagValues, name: string, rule: { min?: number; exclusiveMin?: boolean } = {}): number[] | undefined {
  const raw = optionalStringFlag(flags, name);
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length > 200) throw new CliUsageError(name, 'must list at most 200 values');
  return parts.map((part) => {
    const value = Number(part);
    const broken = part === '' || !Number.isFinite(value) || (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min));
    if (broken) {
      const bound = rule.min === undefined ? '' : ` ${rule.exclusiveMin ? 'greater than' : 'of at least'} ${rule.min}`;
      throw new CliUsageError(name, `must be a comma-separated list of numbers${bound}, got '${part}'`);
    }
    return value;
  });
}
