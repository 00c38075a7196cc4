import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFinite, requireFraction, requireIntegerInRange, requireNonNegative, requireNonNegativeInteger, requirePositive } from '../shared/validate.util';
import { DAYS_PER_MONTH, DAYS_PER_YEAR } from '../shared/calendar.util';
import { EXPECTED_BLOCKS_PER_DAY, HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_EH, RETARGET_INTERVAL_BLOCKS, SATS_PER_BTC, SECONDS_PER_DAY } from '../shared/units';
import { blockSubsidySats, nextHalvingHeight } from '../network/subsidy';
import type { CompanyProfile } from '../companies/company-profile';
import { METHODOLOGY_VERSION } from '../companies/methodology-version';
import { fillDailyLogReturns, preparePriceModel, type PreparedPriceModel, type PriceModel } from './price-models';
import { expSmall, SeededRandom, streamUniform } from './seeded-random';
import {
  addToMoments,
  createMoments,
  createPathSample,
  lowerTailCount,
  lowerTailMeanOfSorted,
  mergeMomentsInto,
  mergePathSampleInto,
  momentsStdDev,
  offerPath,
  quantileOfSorted,
  sampleColumns,
  selectOrderStatisticsInPlace,
  type Moments,
  type PathSample,
} from './streaming-stats';
import {
  interpolateMiningValue,
  locateGridCell,
  prepareMonteCarloCompany,
  type GridCell,
  type MonteCarloCompanyModel,
  type MonteCarloCompanyOptions,
  type MonteCarloStartMarket,
  type ValuationGridLayout,
} from './monte-carlo-company';

/*
 * Monte Carlo of miner economics, one step per day, path by path (memory stays flat: one path's
 * returns and prices, per-company month accumulators, streaming moments and a bounded path sample).
 *
 * Per path (its random stream derived from (seed, path index), see seeded-random.ts):
 *   price       from the price model (GBM or block bootstrap, price-models.ts)
 *   reward      R_t = mean subsidy of the day's 144 blocks from height h_0 + 144·t (consensus schedule,
 *               so halvings fall on their day) + fees (BTC per block, constant)
 *   difficulty  follows hashprice with a lag: at each retarget (every 2016 blocks = 14 days, the first
 *               when the current epoch ends), D = D_0·(1 + g)^(t/365.25)·(P_{t−L}·R_{t−L} / (P_0·R_0))^β:
 *               β = 1 restores the trend-adjusted USD hashprice L days after any price or reward move,
 *               β = 0 is a difficulty growing at g regardless of price. Before day L the start values
 *               stand in for P and R.
 *   companies   evaluated month by month on the same market path (monte-carlo-company.ts): cash
 *               margin, cash and runway; fair value per share at the end of the horizon.
 * Results: for each company and horizon (months), the probability that the cash margin was negative
 * in some month, and that the runway fell under the floor in some month, up to that horizon; the
 * distribution of the fair value per share at the end (mean, percentiles, VaR and CVaR against
 * today's fair value) and of the equity value (× shares), of the lowest runway reached up to the
 * ranking horizon, and of the terminal BTC price and difficulty; and a ranking of the companies.
 * Common random numbers: every company is evaluated on the same market paths (path i depends only on
 * (seed, i)), so companies compare like with like, and a company's figures are the same whether it
 * runs alone or with others (same seed, paths and inputs).
 */

export interface DifficultyModel {
  /** L, days between a hashprice move and the difficulty's response. Default 90. */
  readonly lagDays: number;
  /** β, elasticity of difficulty to lagged price × reward. Default 1. */
  readonly hashpriceElasticity: number;
  /** g, trend growth of difficulty per year at a constant hashprice. Default 0. */
  readonly trendGrowthRatioPerYear: number;
}

export const DEFAULT_DIFFICULTY_MODEL: DifficultyModel = Object.freeze({ lagDays: 90, hashpriceElasticity: 1, trendGrowthRatioPerYear: 0 });

export interface MonteCarloConfig {
  /** Non-negative safe integer: the same seed (and inputs) gives the same result. */
  readonly seed: number;
  readonly paths: number;
  readonly priceModel: PriceModel;
  readonly difficultyModel?: Partial<DifficultyModel>;
  /** Horizons in months, ascending, 1–120. Default [3, 6, 12]. The simulation runs to the last. */
  readonly horizonsMonths?: readonly number[];
  /** Runway under this many months counts as a breach. Default 12. */
  readonly runwayFloorMonths?: number;
  /**
   * The horizon (months) of the ranking: its probability of a negative cash margin, and the lowest
   * runway each path reaches up to it. Default 12, or the last horizon when the run is shorter.
   */
  readonly rankingHorizonMonths?: number;
  /** Paths kept for quantiles (exact while paths ≤ this). Default 65,536. */
  readonly sampleSize?: number;
  /** Default [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]. */
  readonly percentiles?: readonly number[];
  /** Default [0.95, 0.99]. */
  readonly varConfidences?: readonly number[];
  /** Nodes of the fair-value grid (price × difficulty). Default 33 × 17. */
  readonly valuationGridNodes?: { readonly prices: number; readonly difficulties: number };
}

export interface MonteCarloCompanyInput {
  readonly profile: CompanyProfile;
  readonly options?: MonteCarloCompanyOptions;
}

/** Everything a run needs, checked and precomputed; plain data (a worker receives it by structured clone). */
export interface MonteCarloPlan {
  readonly methodologyVersion: string;
  readonly seed: number;
  readonly paths: number;
  readonly market: MonteCarloStartMarket;
  readonly priceModel: PreparedPriceModel;
  readonly difficultyModel: DifficultyModel;
  readonly horizonsMonths: readonly number[];
  readonly runwayFloorMonths: number;
  readonly rankingHorizonMonths: number;
  readonly sampleSize: number;
  readonly percentiles: readonly number[];
  readonly varConfidences: readonly number[];
  readonly days: number;
  readonly months: number;
  /** Exclusive end day of each month. */
  readonly monthEndDay: Int32Array;
  /** BTC per EH/s per day at difficulty 1: 86,400·1e18·R_t / 2^32. */
  readonly btcPerEhDayAtUnitDifficulty: Float64Array;
  /** ln(R_t / R_0). */
  readonly logRewardRatio: Float64Array;
  /** 1 on retarget days. */
  readonly retargetDay: Uint8Array;
  readonly layout: ValuationGridLayout;
  readonly companies: readonly MonteCarloCompanyModel[];
  readonly skippedCompanies: ReadonlyArray<{ readonly ticker: string; readonly missingInputs: readonly string[]; readonly reason?: string }>;
}

/** The mergeable raw state of a run over some paths. */
export interface MonteCarloAccumulator {
  paths: number;
  /** companies × (months + 1): how many paths first had a negative cash margin in month m (m = months: never). */
  readonly firstNegativeMarginMonth: Int32Array;
  readonly firstRunwayBreachMonth: Int32Array;
  /** Paths on which the company's cash flow was negative in some month up to the ranking horizon. */
  readonly burningPaths: Int32Array;
  /** Columns: terminal price, terminal difficulty, then each company's fair value per share. */
  readonly moments: Moments;
  /** Columns: those of the moments, then each company's lowest runway up to the ranking horizon (months; +∞ when it never burned cash). */
  readonly sample: PathSample;
  valuationGridClampedPaths: number;
}

// Local bindings for the per-day loop: a call through the CommonJS export object (the runtime's module
// format) costs ~10 ns in V8, more than the work itself.
const exp = expSmall;
const fillReturns = fillDailyLogReturns;

const DEFAULT_HORIZONS = [3, 6, 12] as const;
const DEFAULT_PERCENTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;
const DEFAULT_VAR_CONFIDENCES = [0.95, 0.99] as const;
const MAX_PATHS = 100_000_000;
const MAX_SAMPLE = 4_000_000;

function requireAscendingMonths(values: readonly number[]): readonly number[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > 24) throw new EconomicsInputError('horizonsMonths', Code.OUT_OF_RANGE, 'must list 1 to 24 horizons');
  values.forEach((v, i) => {
    requireIntegerInRange(`horizonsMonths[${i}]`, v, 1, 120);
    if (i > 0 && v <= values[i - 1]) throw new EconomicsInputError(`horizonsMonths[${i}]`, Code.OUT_OF_RANGE, 'must be ascending');
  });
  return [...values];
}

function requireProbabilities(field: string, values: readonly number[]): readonly number[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > 50) throw new EconomicsInputError(field, Code.OUT_OF_RANGE, 'must list 1 to 50 values');
  values.forEach((v, i) => {
    requireFraction(`${field}[${i}]`, v);
    if (v === 0 || v === 1) throw new EconomicsInputError(`${field}[${i}]`, Code.OUT_OF_RANGE, 'must be strictly between 0 and 1');
  });
  return [...values];
}

export function resolveDifficultyModel(overrides: Partial<DifficultyModel> = {}): DifficultyModel {
  const model = { ...DEFAULT_DIFFICULTY_MODEL, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) } as DifficultyModel;
  requireIntegerInRange('difficultyModel.lagDays', model.lagDays, 0, 730);
  requireNonNegative('difficultyModel.hashpriceElasticity', model.hashpriceElasticity);
  if (model.hashpriceElasticity > 3) throw new EconomicsInputError('difficultyModel.hashpriceElasticity', Code.OUT_OF_RANGE, 'must be between 0 and 3');
  requireFinite('difficultyModel.trendGrowthRatioPerYear', model.trendGrowthRatioPerYear);
  if (model.trendGrowthRatioPerYear <= -1 || model.trendGrowthRatioPerYear > 10) {
    throw new EconomicsInputError('difficultyModel.trendGrowthRatioPerYear', Code.OUT_OF_RANGE, 'must be greater than −1 and at most 10 (a ratio per year)');
  }
  return Object.freeze(model);
}

/** Mean subsidy (sats) of the `blocks` blocks starting at `height` (the halving may fall among them). */
function meanSubsidySats(height: number, blocks: number): number {
  const next = nextHalvingHeight(height);
  const first = blockSubsidySats(height);
  if (height + blocks <= next) return first;
  return ((next - height) * first + (height + blocks - next) * blockSubsidySats(next)) / blocks;
}

/** Checks the inputs, prepares every company (or lists what it misses) and precomputes the day tables. */
export function planMonteCarlo(companies: readonly MonteCarloCompanyInput[], market: MonteCarloStartMarket, config: MonteCarloConfig): MonteCarloPlan {
  const seed = requireNonNegativeInteger('seed', config.seed);
  const paths = requireIntegerInRange('paths', config.paths, 1, MAX_PATHS);
  const startMarket: MonteCarloStartMarket = {
    btcPriceUsd: requirePositive('market.btcPriceUsd', market.btcPriceUsd),
    difficulty: requirePositive('market.difficulty', market.difficulty),
    height: requireNonNegativeInteger('market.height', market.height),
    feesBtcPerBlock: requireNonNegative('market.feesBtcPerBlock', market.feesBtcPerBlock),
    ...(market.powerUsdPerKwh !== undefined && { powerUsdPerKwh: requireNonNegative('market.powerUsdPerKwh', market.powerUsdPerKwh) }),
  };
  const priceModel = preparePriceModel(config.priceModel);
  const difficultyModel = resolveDifficultyModel(config.difficultyModel);
  const horizonsMonths = requireAscendingMonths(config.horizonsMonths ?? DEFAULT_HORIZONS);
  const runwayFloorMonths = requirePositive('runwayFloorMonths', config.runwayFloorMonths ?? 12);
  const sampleSize = requireIntegerInRange('sampleSize', config.sampleSize ?? 65_536, 1, MAX_SAMPLE);
  const percentiles = requireProbabilities('percentiles', config.percentiles ?? DEFAULT_PERCENTILES);
  const varConfidences = requireProbabilities('varConfidences', config.varConfidences ?? DEFAULT_VAR_CONFIDENCES);
  const priceNodes = requireIntegerInRange('valuationGridNodes.prices', config.valuationGridNodes?.prices ?? 33, 2, 257);
  const difficultyNodes = requireIntegerInRange('valuationGridNodes.difficulties', config.valuationGridNodes?.difficulties ?? 17, 2, 257);
  if (!Array.isArray(companies) || companies.length > 64) throw new EconomicsInputError('companies', Code.OUT_OF_RANGE, 'must list 0 to 64 companies');

  const months = horizonsMonths[horizonsMonths.length - 1];
  const rankingHorizonMonths = requireIntegerInRange('rankingHorizonMonths', config.rankingHorizonMonths ?? Math.min(12, months), 1, months);
  const monthEndDay = new Int32Array(months);
  for (let m = 0; m < months; m += 1) monthEndDay[m] = Math.round((m + 1) * DAYS_PER_MONTH);
  const days = monthEndDay[months - 1];

  const unit = (SECONDS_PER_DAY * HASHES_PER_EH) / HASHES_PER_DIFFICULTY_UNIT;
  const btcPerEhDayAtUnitDifficulty = new Float64Array(days);
  const logRewardRatio = new Float64Array(days);
  const retargetDay = new Uint8Array(days);
  const reward0 = meanSubsidySats(startMarket.height, EXPECTED_BLOCKS_PER_DAY) / SATS_PER_BTC + startMarket.feesBtcPerBlock;
  for (let t = 0; t < days; t += 1) {
    const reward = meanSubsidySats(startMarket.height + EXPECTED_BLOCKS_PER_DAY * t, EXPECTED_BLOCKS_PER_DAY) / SATS_PER_BTC + startMarket.feesBtcPerBlock;
    btcPerEhDayAtUnitDifficulty[t] = unit * reward;
    logRewardRatio[t] = reward0 > 0 && reward > 0 ? Math.log(reward / reward0) : 0;
  }
  const firstRetarget = Math.ceil((RETARGET_INTERVAL_BLOCKS - (startMarket.height % RETARGET_INTERVAL_BLOCKS)) / EXPECTED_BLOCKS_PER_DAY);
  const retargetEveryDays = RETARGET_INTERVAL_BLOCKS / EXPECTED_BLOCKS_PER_DAY;
  for (let t = firstRetarget; t < days; t += retargetEveryDays) retargetDay[t] = 1;

  const layout = gridLayout(startMarket, priceModel, difficultyModel, days, priceNodes, difficultyNodes, logRewardRatio);
  const prepared = companies.map((c, index) => {
    if (typeof c !== 'object' || c === null || typeof c.profile !== 'object') throw new EconomicsInputError(`companies[${index}].profile`, Code.MISSING, 'is required');
    return prepareMonteCarloCompany(c.profile, startMarket, layout, c.options);
  });
  return {
    methodologyVersion: METHODOLOGY_VERSION,
    seed,
    paths,
    market: startMarket,
    priceModel,
    difficultyModel,
    horizonsMonths,
    runwayFloorMonths,
    rankingHorizonMonths,
    sampleSize,
    percentiles,
    varConfidences,
    days,
    months,
    monthEndDay,
    btcPerEhDayAtUnitDifficulty,
    logRewardRatio,
    retargetDay,
    layout,
    companies: prepared.flatMap((p) => (p.ok ? [p.model] : [])),
    skippedCompanies: prepared.flatMap((p) => (p.ok ? [] : [p.reason === undefined ? { ticker: p.ticker, missingInputs: p.missingInputs } : { ticker: p.ticker, missingInputs: p.missingInputs, reason: p.reason }])),
  };
}

/** Grid wide enough for ±7 standard deviations of the terminal log price, and the difficulty that follows it. */
function gridLayout(market: MonteCarloStartMarket, price: PreparedPriceModel, difficulty: DifficultyModel, days: number, priceNodes: number, difficultyNodes: number, logRewardRatio: Float64Array): ValuationGridLayout {
  const halfWidth = Math.max(0.05, 7 * price.dailyVolatility * Math.sqrt(days));
  const centre = price.dailyMeanLogReturn * days;
  const lo = centre - halfWidth;
  const hi = centre + halfWidth;
  let rewardLo = 0;
  let rewardHi = 0;
  for (let t = 0; t < logRewardRatio.length; t += 1) {
    rewardLo = Math.min(rewardLo, logRewardRatio[t]);
    rewardHi = Math.max(rewardHi, logRewardRatio[t]);
  }
  const beta = difficulty.hashpriceElasticity;
  const trend = (Math.log1p(difficulty.trendGrowthRatioPerYear) * days) / DAYS_PER_YEAR;
  const dLo = trend + beta * (Math.min(0, lo) + rewardLo) - 0.05;
  const dHi = trend + beta * (Math.max(0, hi) + rewardHi) + 0.05;
  const logSpaced = (start: number, from: number, to: number, n: number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i += 1) out[i] = start * Math.exp(from + ((to - from) * i) / (n - 1));
    return out;
  };
  return {
    priceNodesUsd: logSpaced(market.btcPriceUsd, lo, hi, priceNodes),
    difficultyNodes: logSpaced(market.difficulty, dLo, dHi, difficultyNodes),
    height: market.height + EXPECTED_BLOCKS_PER_DAY * days,
  };
}

export function createMonteCarloAccumulator(plan: MonteCarloPlan): MonteCarloAccumulator {
  const companies = plan.companies.length;
  return {
    paths: 0,
    firstNegativeMarginMonth: new Int32Array(companies * (plan.months + 1)),
    firstRunwayBreachMonth: new Int32Array(companies * (plan.months + 1)),
    burningPaths: new Int32Array(companies),
    moments: createMoments(2 + companies),
    sample: createPathSample(Math.min(plan.sampleSize, plan.paths), 2 + 2 * companies),
    valuationGridClampedPaths: 0,
  };
}

/** Simulates paths firstPath … endPath − 1 of the plan (a worker's share) into a new accumulator. */
export function simulateMonteCarloPaths(plan: MonteCarloPlan, firstPath = 0, endPath = plan.paths): MonteCarloAccumulator {
  requireIntegerInRange('firstPath', firstPath, 0, plan.paths);
  requireIntegerInRange('endPath', endPath, firstPath, plan.paths);
  const acc = createMonteCarloAccumulator(plan);
  const { days, months, monthEndDay, btcPerEhDayAtUnitDifficulty: unitBtc, logRewardRatio, retargetDay, companies, layout } = plan;
  const n = companies.length;
  const width = months + 1;
  const p0 = plan.market.btcPriceUsd;
  const invD0 = 1 / plan.market.difficulty;
  const lag = plan.difficultyModel.lagDays;
  const beta = plan.difficultyModel.hashpriceElasticity;
  const trendPerDay = Math.log1p(plan.difficultyModel.trendGrowthRatioPerYear) / DAYS_PER_YEAR;
  const floor = plan.runwayFloorMonths;
  const rankingMonths = plan.rankingHorizonMonths;
  const difficulties = layout.difficultyNodes.length;

  // per-company constants as typed arrays (the month loop reads them for every company)
  const hashrate = new Float64Array(n);
  const power = new Float64Array(n);
  const fixed = new Float64Array(n);
  const variable = new Float64Array(n);
  const corporatePerDay = new Float64Array(n);
  const corporatePerBtc = new Float64Array(n);
  const otherIncome = new Float64Array(n);
  const shutdown = new Uint8Array(n);
  const btcHeld = new Float64Array(n);
  const liquidBtc = new Float64Array(n);
  const startCash = new Float64Array(n);
  companies.forEach((c, i) => {
    hashrate[i] = c.hashrateEhs * (1 - c.poolFee);
    power[i] = c.powerCostUsdPerDay;
    fixed[i] = c.miningFixedCostUsdPerDay;
    variable[i] = c.miningVariableCostUsdPerBtc;
    corporatePerDay[i] = c.corporateCostUsdPerDay;
    corporatePerBtc[i] = c.corporateCostUsdPerBtc;
    otherIncome[i] = c.otherIncomeUsdPerDay;
    shutdown[i] = c.shutdownWhenUnprofitable ? 1 : 0;
    btcHeld[i] = c.btcHeld;
    liquidBtc[i] = c.liquidityIncludesBtc ? c.btcHeld : 0;
    startCash[i] = c.cashUsd;
  });
  const miningCash = new Float64Array(n);
  const companyCash = new Float64Array(n);
  const firstNegative = new Int32Array(n);
  const firstBreach = new Int32Array(n);
  const lowestRunway = new Float64Array(n);

  const returns = new Float64Array(days);
  const logPrice = new Float64Array(days);
  const random = new SeededRandom(plan.seed, 0);
  const cell: GridCell = { priceIndex: 0, difficultyIndex: 0, priceWeight: 0, difficultyWeight: 0, clamped: false };

  for (let path = firstPath; path < endPath; path += 1) {
    random.reseed(plan.seed, path);
    fillReturns(plan.priceModel, random, returns);
    miningCash.fill(0);
    companyCash.fill(0);
    firstNegative.fill(months);
    firstBreach.fill(months);
    lowestRunway.fill(Number.POSITIVE_INFINITY);

    let logP = 0;
    let price = p0;
    let invD = invD0;
    let month = 0;
    let monthStart = 0;
    let monthEnd = monthEndDay[0] - 1;
    let sumBtc = 0;
    let sumRevenue = 0;
    for (let t = 0; t < days; t += 1) {
      const x = returns[t];
      logP += x;
      price *= exp(x);
      logPrice[t] = logP;
      if (retargetDay[t] === 1) {
        const s = t - lag;
        const driver = s < 0 ? 0 : logPrice[s] + logRewardRatio[s];
        invD = invD0 * Math.exp(-(trendPerDay * t + beta * driver));
      }
      const btcPerEh = unitBtc[t] * invD;
      sumBtc += btcPerEh;
      sumRevenue += btcPerEh * price;
      if (t === monthEnd) {
        const monthDays = t + 1 - monthStart;
        for (let c = 0; c < n; c += 1) {
          const btc = hashrate[c] * sumBtc;
          const revenue = hashrate[c] * sumRevenue;
          const powerCost = power[c] * monthDays;
          const variableCost = variable[c] * btc;
          const fixedCost = fixed[c] * monthDays;
          if (revenue < powerCost + fixedCost + variableCost && firstNegative[c] === months) firstNegative[c] = month;
          const idle = shutdown[c] === 1 && revenue < powerCost + variableCost;
          const mining = idle ? -fixedCost : revenue - powerCost - variableCost - fixedCost;
          miningCash[c] += mining;
          const flow = mining + (otherIncome[c] - corporatePerDay[c]) * monthDays - corporatePerBtc[c] * (idle ? 0 : btc);
          companyCash[c] += flow;
          if (flow < 0 && (month < rankingMonths || firstBreach[c] === months)) {
            const liquidity = startCash[c] + companyCash[c] + liquidBtc[c] * price;
            const runway = (liquidity > 0 ? liquidity : 0) / ((-flow * DAYS_PER_MONTH) / monthDays);
            if (runway < floor && firstBreach[c] === months) firstBreach[c] = month;
            if (month < rankingMonths && runway < lowestRunway[c]) lowestRunway[c] = runway;
          }
        }
        sumBtc = 0;
        sumRevenue = 0;
        month += 1;
        monthStart = t + 1;
        monthEnd = month < months ? monthEndDay[month] - 1 : -1;
      }
    }

    const difficulty = 1 / invD;
    addToMoments(acc.moments, 0, price);
    addToMoments(acc.moments, 1, difficulty);
    const slot = offerPath(acc.sample, streamUniform(plan.seed, path));
    const row = slot * acc.sample.width;
    if (slot >= 0) {
      acc.sample.values[row] = price;
      acc.sample.values[row + 1] = difficulty;
    }
    if (n > 0) {
      locateGridCell(layout, price, difficulty, cell);
      if (cell.clamped) acc.valuationGridClampedPaths += 1;
    }
    for (let c = 0; c < n; c += 1) {
      const model = companies[c];
      const mining = interpolateMiningValue(model.miningValueGridUsd, difficulties, cell);
      const equity = mining + model.hpcValueUsd + btcHeld[c] * price + model.cashUsd + miningCash[c] - model.debtAndPreferredUsd;
      const perShare = equity / model.sharesOutstanding;
      addToMoments(acc.moments, 2 + c, perShare);
      if (slot >= 0) {
        acc.sample.values[row + 2 + c] = perShare;
        acc.sample.values[row + 2 + n + c] = lowestRunway[c];
      }
      if (lowestRunway[c] !== Number.POSITIVE_INFINITY) acc.burningPaths[c] += 1;
      acc.firstNegativeMarginMonth[c * width + firstNegative[c]] += 1;
      acc.firstRunwayBreachMonth[c * width + firstBreach[c]] += 1;
    }
    acc.paths += 1;
  }
  return acc;
}

/** Merges partial results in the order given (the order fixes the floating-point sums of the moments). */
export function mergeMonteCarloAccumulators(plan: MonteCarloPlan, parts: readonly MonteCarloAccumulator[]): MonteCarloAccumulator {
  const out = createMonteCarloAccumulator(plan);
  for (const part of parts) {
    out.paths += part.paths;
    for (let i = 0; i < out.firstNegativeMarginMonth.length; i += 1) {
      out.firstNegativeMarginMonth[i] += part.firstNegativeMarginMonth[i];
      out.firstRunwayBreachMonth[i] += part.firstRunwayBreachMonth[i];
    }
    for (let c = 0; c < out.burningPaths.length; c += 1) out.burningPaths[c] += part.burningPaths[c];
    mergeMomentsInto(out.moments, part.moments);
    mergePathSampleInto(out.sample, part.sample);
    out.valuationGridClampedPaths += part.valuationGridClampedPaths;
  }
  return out;
}

export interface DistributionSummary {
  readonly mean: number;
  readonly stdDev: number;
  readonly min: number;
  readonly max: number;
  readonly percentiles: ReadonlyArray<{ readonly probability: number; readonly value: number }>;
}

export interface TailRisk {
  readonly confidence: number;
  /** Fair value per share at the (1 − confidence) quantile. */
  readonly quantileUsdPerShare: number;
  /** VaR: today's fair value − that quantile (a loss is positive). */
  readonly valueAtRiskUsdPerShare: number;
  /** CVaR (expected shortfall): today's fair value − the mean of the worst (1 − confidence) share of paths. */
  readonly conditionalValueAtRiskUsdPerShare: number;
  /** Both as ratios of today's fair value (null when it is not positive). */
  readonly valueAtRiskRatio: number | null;
  readonly conditionalValueAtRiskRatio: number | null;
}

export interface MonteCarloCompanyResult {
  readonly ticker: string;
  readonly name: string;
  readonly horizons: ReadonlyArray<{
    readonly months: number;
    readonly probabilityNegativeCashMargin: number;
    readonly probabilityRunwayBelowFloor: number;
  }>;
  readonly fairValuePerShareUsd: DistributionSummary & { readonly today: number; readonly tailRisk: readonly TailRisk[] };
  /** Fair value per share × shares outstanding: today's and at the end of the run. */
  readonly equityValueUsd: {
    readonly today: number;
    readonly mean: number;
    readonly percentiles: ReadonlyArray<{ readonly probability: number; readonly value: number }>;
  };
  /**
   * The lowest liquidity runway (months) the company reaches in any month up to the ranking horizon:
   * max(0, cash + BTC held × price) ÷ monthly burn, in the months whose cash flow is negative. A path
   * on which it never burns cash has no lowest runway (+∞): a quantile that falls among those paths is null.
   */
  readonly runwayMonths: {
    readonly horizonMonths: number;
    /** Share of paths with a negative cash flow in some month up to the horizon. */
    readonly probabilityBurningCash: number;
    /** Share of paths whose lowest runway is under the floor (= horizons' probabilityRunwayBelowFloor at this horizon). */
    readonly probabilityBelowFloor: number;
    readonly percentiles: ReadonlyArray<{ readonly probability: number; readonly value: number | null }>;
  };
}

/** The quantiles a ranking row shows (5 %, median, 95 %). */
export const RANKING_QUANTILES = Object.freeze([0.05, 0.5, 0.95] as const);

export interface RankingQuantiles<T> {
  readonly p05: T;
  readonly p50: T;
  readonly p95: T;
}

export interface MonteCarloRankingRow {
  /** 1 = riskiest. */
  readonly rank: number;
  readonly ticker: string;
  readonly name: string;
  /** P(cash margin negative in some month up to the ranking horizon). */
  readonly probabilityNegativeCashMargin: number;
  readonly probabilityRunwayBelowFloor: number;
  readonly probabilityBurningCash: number;
  /** Lowest runway up to the horizon, months; null: no burn at that quantile. */
  readonly runwayMonths: RankingQuantiles<number | null>;
  /** At the end of the run. */
  readonly equityValueUsd: RankingQuantiles<number> & { readonly today: number };
  /** equity value ÷ today's − 1; null when today's is not positive. */
  readonly equityValueChangeRatio: RankingQuantiles<number | null>;
}

export interface MonteCarloRanking {
  readonly horizonMonths: number;
  /**
   * Always true: every company is evaluated on the same simulated price and difficulty paths (path i
   * is one market for all companies), so the ranking's differences come from the companies, not from
   * sampling noise.
   */
  readonly commonRandomNumbers: true;
  readonly order: string;
  readonly rows: readonly MonteCarloRankingRow[];
}

export const RANKING_ORDER =
  'probabilityNegativeCashMargin descending, then median lowest runway ascending (no burn last), then median equity value change ascending, then ticker';

export interface MonteCarloResult {
  readonly methodologyVersion: string;
  readonly seed: number;
  readonly paths: number;
  readonly days: number;
  readonly horizonsMonths: readonly number[];
  readonly runwayFloorMonths: number;
  readonly rankingHorizonMonths: number;
  readonly priceModel: PreparedPriceModel['kind'];
  readonly difficultyModel: DifficultyModel;
  readonly market: MonteCarloStartMarket;
  /** Paths in the quantile sample; quantiles are exact when it equals `paths`. */
  readonly sampledPaths: number;
  /** Paths whose terminal (price, difficulty) fell outside the fair-value grid (valued at its edge). */
  readonly valuationGridClampedPaths: number;
  readonly terminalBtcPriceUsd: DistributionSummary;
  readonly terminalDifficulty: DistributionSummary;
  readonly companies: readonly MonteCarloCompanyResult[];
  readonly skippedCompanies: MonteCarloPlan['skippedCompanies'];
  readonly ranking: MonteCarloRanking;
}

/**
 * A column's summary. `sorted` has in place only the order statistics read later (selectOrderStatisticsInPlace):
 * the percentiles, `extraProbabilities` and the lowest `lowestCounts` values.
 */
function distribution(
  acc: MonteCarloAccumulator, columns: readonly Float64Array[], column: number, percentiles: readonly number[], extraProbabilities: readonly number[] = [], lowestCounts: readonly number[] = [],
): DistributionSummary & { sorted: Float64Array } {
  const sorted = selectOrderStatisticsInPlace(columns[column], [...percentiles, ...extraProbabilities], lowestCounts);
  return {
    mean: acc.moments.mean[column],
    stdDev: momentsStdDev(acc.moments, column),
    min: acc.moments.min[column],
    max: acc.moments.max[column],
    percentiles: percentiles.map((probability) => ({ probability, value: quantileOfSorted(sorted, probability) })),
    sorted,
  };
}

/** quantileOfSorted over values that may end in +∞ (no limit); +∞ comes back as null. */
export function quantileOfSortedOrNull(sorted: Float64Array, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  if (sorted[lo] === Number.POSITIVE_INFINITY || (sorted[hi] === Number.POSITIVE_INFINITY && h > lo)) return null;
  return sorted[hi] === Number.POSITIVE_INFINITY ? sorted[lo] : quantileOfSorted(sorted, q);
}

const byNullLast = (a: number | null, b: number | null): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b);

/** Orders ranking rows riskiest first (RANKING_ORDER) and numbers them. */
export function rankMonteCarloRows(rows: ReadonlyArray<Omit<MonteCarloRankingRow, 'rank'>>): MonteCarloRankingRow[] {
  return [...rows]
    .sort(
      (a, b) =>
        b.probabilityNegativeCashMargin - a.probabilityNegativeCashMargin ||
        byNullLast(a.runwayMonths.p50, b.runwayMonths.p50) ||
        byNullLast(a.equityValueChangeRatio.p50, b.equityValueChangeRatio.p50) ||
        (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0),
    )
    .map((row, i) => ({ rank: i + 1, ...row }));
}

export function summarizeMonteCarlo(plan: MonteCarloPlan, acc: MonteCarloAccumulator): MonteCarloResult {
  const width = plan.months + 1;
  const n = plan.companies.length;
  const strip = (d: DistributionSummary & { sorted: Float64Array }): DistributionSummary => ({ mean: d.mean, stdDev: d.stdDev, min: d.min, max: d.max, percentiles: d.percentiles });
  const share = (count: number) => (acc.paths > 0 ? count / acc.paths : Number.NaN);
  const rankingRows: Array<Omit<MonteCarloRankingRow, 'rank'>> = [];
  const columns = sampleColumns(acc.sample);
  const companies = plan.companies.map((company, c): MonteCarloCompanyResult => {
    const tailProbabilities = plan.varConfidences.map((confidence) => 1 - confidence);
    const tailCounts = plan.varConfidences.map((confidence) => lowerTailCount(acc.sample.size, confidence));
    const fair = distribution(acc, columns, 2 + c, plan.percentiles, [...RANKING_QUANTILES, ...tailProbabilities], tailCounts);
    const runwaySorted = selectOrderStatisticsInPlace(columns[2 + n + c], [...plan.percentiles, ...RANKING_QUANTILES]);
    const today = company.baseFairValuePerShareUsd;
    const shares = company.sharesOutstanding;
    const tailRisk = plan.varConfidences.map((confidence) => {
      const quantile = quantileOfSorted(fair.sorted, 1 - confidence);
      const tail = lowerTailMeanOfSorted(fair.sorted, confidence);
      return {
        confidence,
        quantileUsdPerShare: quantile,
        valueAtRiskUsdPerShare: today - quantile,
        conditionalValueAtRiskUsdPerShare: today - tail,
        valueAtRiskRatio: today > 0 ? (today - quantile) / today : null,
        conditionalValueAtRiskRatio: today > 0 ? (today - tail) / today : null,
      };
    });
    const cumulative = (counts: Int32Array, months: number) => {
      let sum = 0;
      for (let m = 0; m < months; m += 1) sum += counts[c * width + m];
      return share(sum);
    };
    const negativeMargin = cumulative(acc.firstNegativeMarginMonth, plan.rankingHorizonMonths);
    const belowFloor = cumulative(acc.firstRunwayBreachMonth, plan.rankingHorizonMonths);
    const burning = share(acc.burningPaths[c]);
    const todayEquity = today * shares;
    const equityAt = (q: number) => quantileOfSorted(fair.sorted, q) * shares;
    const runwayAt = (q: number) => quantileOfSortedOrNull(runwaySorted, q);
    const changeAt = (q: number) => (todayEquity > 0 ? equityAt(q) / todayEquity - 1 : null);
    const [q05, q50, q95] = RANKING_QUANTILES;
    rankingRows.push({
      ticker: company.ticker,
      name: company.name,
      probabilityNegativeCashMargin: negativeMargin,
      probabilityRunwayBelowFloor: belowFloor,
      probabilityBurningCash: burning,
      runwayMonths: { p05: runwayAt(q05), p50: runwayAt(q50), p95: runwayAt(q95) },
      equityValueUsd: { today: todayEquity, p05: equityAt(q05), p50: equityAt(q50), p95: equityAt(q95) },
      equityValueChangeRatio: { p05: changeAt(q05), p50: changeAt(q50), p95: changeAt(q95) },
    });
    return {
      ticker: company.ticker,
      name: company.name,
      horizons: plan.horizonsMonths.map((months) => ({
        months,
        probabilityNegativeCashMargin: cumulative(acc.firstNegativeMarginMonth, months),
        probabilityRunwayBelowFloor: cumulative(acc.firstRunwayBreachMonth, months),
      })),
      fairValuePerShareUsd: { ...strip(fair), today, tailRisk },
      equityValueUsd: { today: todayEquity, mean: fair.mean * shares, percentiles: fair.percentiles.map((p) => ({ probability: p.probability, value: p.value * shares })) },
      runwayMonths: {
        horizonMonths: plan.rankingHorizonMonths,
        probabilityBurningCash: burning,
        probabilityBelowFloor: belowFloor,
        percentiles: plan.percentiles.map((probability) => ({ probability, value: runwayAt(probability) })),
      },
    };
  });
  return {
    methodologyVersion: plan.methodologyVersion,
    seed: plan.seed,
    paths: acc.paths,
    days: plan.days,
    horizonsMonths: plan.horizonsMonths,
    runwayFloorMonths: plan.runwayFloorMonths,
    rankingHorizonMonths: plan.rankingHorizonMonths,
    priceModel: plan.priceModel.kind,
    difficultyModel: plan.difficultyModel,
    market: plan.market,
    sampledPaths: acc.sample.size,
    valuationGridClampedPaths: acc.valuationGridClampedPaths,
    terminalBtcPriceUsd: strip(distribution(acc, columns, 0, plan.percentiles)),
    terminalDifficulty: strip(distribution(acc, columns, 1, plan.percentiles)),
    companies,
    skippedCompanies: plan.skippedCompanies,
    ranking: { horizonMonths: plan.rankingHorizonMonths, commonRandomNumbers: true, order: RANKING_ORDER, rows: rankMonteCarloRows(rankingRows) },
  };
}

/** Plan, simulate every path on this thread, summarise. */
export function runMonteCarlo(companies: readonly MonteCarloCompanyInput[], market: MonteCarloStartMarket, config: MonteCarloConfig): MonteCarloResult {
  const plan = planMonteCarlo(companies, market, config);
  return summarizeMonteCarlo(plan, simulateMonteCarloPaths(plan));
}
