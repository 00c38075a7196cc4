import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireAtMostOne, requireFraction, requireIntegerInRange, requireNonNegative, requireNonNegativeInteger, requirePositive } from '../shared/validate.util';
import { DAYS_PER_MONTH, MONTHS_PER_YEAR } from '../shared/calendar.util';
import { EXPECTED_BLOCKS_PER_DAY, HALVING_INTERVAL_BLOCKS, HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_EH, HOURS_PER_DAY, SATS_PER_BTC, SECONDS_PER_DAY, TH_PER_EH } from '../shared/units';
import { blockSubsidySats } from '../network/subsidy';
import { monthlyRateFromAnnual, requireRatePerYear } from './discounting.util';

/*
 * Discounted cash flows of a mining fleet, month by month, under explicit price and difficulty
 * paths. The subsidy follows the consensus schedule from the starting height (4,383 blocks a month
 * at 600 s), so every halving inside the horizon is in the numbers, pro-rated in the month it falls.
 *
 * Month m (0-based), all amounts USD:
 *   BTC mined   = H_m · 1e18 · seconds/month / (D_m · 2^32) · (mean subsidy_m + fees_m) · (1 − pool fee)
 *   revenue     = BTC mined · P_m
 *   power       = H_m · e_m [MW] · 1,000 · 24 · days/month · p − credits
 *   shutdown    : when revenue < power + variable cost and shutdownWhenUnprofitable, the fleet idles
 *                 (no BTC, no power, no variable cost); fixed costs continue
 *   EBITDA      = revenue − power − variable cost − fixed cost
 *   degradation : a share d/yr of the hashrate (and its power) retires; if replaceDegradedHashrate it is
 *                 replaced the same month at replacementCapexUsdPerTh with replacementEfficiencyJth
 *   tax         = rate · max(0, EBITDA − capex − loss carried forward)   (capex expensed, 100 % bonus
 *                 depreciation; losses carried forward without limit)
 *   FCF         = EBITDA − capex − tax, discounted at the end of the month at (1 + r)^(1/12) − 1.
 * No terminal value: the horizon is the fleet's life. Unlevered: interest and debt are for the SOTP.
 */

export const BLOCKS_PER_MONTH = EXPECTED_BLOCKS_PER_DAY * DAYS_PER_MONTH;
const SECONDS_PER_MONTH = SECONDS_PER_DAY * DAYS_PER_MONTH;
const KWH_PER_MW_MONTH = 1_000 * HOURS_PER_DAY * DAYS_PER_MONTH;
/** 100 years of months. */
const MAX_HORIZON_MONTHS = 1_200;

export interface MiningDcfInput {
  // ── market at the start ──
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  /** Block height at the start: fixes the subsidy and the halving dates. */
  readonly height: number;
  readonly feesBtcPerBlock: number;
  // ── paths: give a growth ratio per year OR a value per month (at least horizonMonths long), not both ──
  /** Default 0 (flat price). */
  readonly btcPriceGrowthRatioPerYear?: number;
  readonly btcPriceUsdByMonth?: readonly number[];
  /** Default 0 (flat difficulty). */
  readonly difficultyGrowthRatioPerYear?: number;
  readonly difficultyByMonth?: readonly number[];
  /** Default: feesBtcPerBlock every month. */
  readonly feesBtcPerBlockByMonth?: readonly number[];
  // ── fleet ──
  readonly hashrateEhs: number;
  readonly efficiencyJth: number;
  readonly powerUsdPerKwh: number;
  /** Credits earned per month (curtailment, demand response), subtracted from the power cost. Default 0. */
  readonly powerCreditsUsdPerMonth?: number;
  /** Cash costs that do not scale with production (other direct, allocated SG&A ex-SBC). */
  readonly fixedCostUsdPerMonth: number;
  /** Cash costs per BTC mined (per-BTC opex assumptions). Default 0. */
  readonly variableCostUsdPerBtc?: number;
  /** Default 0. */
  readonly poolFee?: number;
  /** Share of hashrate retired per year, 0–1. Default 0. */
  readonly fleetDegradationRatioPerYear?: number;
  /** Default false. */
  readonly replaceDegradedHashrate?: boolean;
  /** Required when replacing. */
  readonly replacementCapexUsdPerTh?: number;
  /** Default: the fleet's starting efficiency. */
  readonly replacementEfficiencyJth?: number;
  /** Default true. */
  readonly shutdownWhenUnprofitable?: boolean;
  // ── finance ──
  readonly horizonMonths: number;
  readonly taxRate: number;
  readonly discountRatePerYear: number;
  /** Return the monthly table too (allocates one object per month). Default false. */
  readonly includeMonthlyRows?: boolean;
}

export interface MiningDcfMonth {
  readonly month: number;
  readonly startHeight: number;
  readonly subsidyBtc: number;
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  readonly hashrateEhs: number;
  readonly efficiencyJth: number;
  readonly mining: boolean;
  readonly btcMined: number;
  readonly revenueUsd: number;
  readonly powerCostUsd: number;
  readonly cashCostUsd: number;
  readonly ebitdaUsd: number;
  readonly capexUsd: number;
  readonly taxUsd: number;
  readonly freeCashFlowUsd: number;
  readonly discountFactor: number;
  readonly presentValueUsd: number;
}

export interface MiningDcfResult {
  readonly presentValueUsd: number;
  readonly undiscountedFreeCashFlowUsd: number;
  readonly totalBtcMined: number;
  readonly totalRevenueUsd: number;
  readonly totalPowerCostUsd: number;
  /** Fixed + variable cash costs (excluding power). */
  readonly totalCashCostUsd: number;
  readonly totalCapexUsd: number;
  readonly totalTaxUsd: number;
  readonly monthsMining: number;
  readonly monthsShutDown: number;
  /** Halving heights crossed inside the horizon. */
  readonly halvingsInHorizon: number;
  readonly endHeight: number;
  readonly endHashrateEhs: number;
  readonly endEfficiencyJth: number;
  /** True when every month's free cash flow was ≥ 0 (then PV falls as the discount rate rises). */
  readonly allCashFlowsNonNegative: boolean;
  readonly rows?: readonly MiningDcfMonth[];
}

function requirePath(field: string, path: readonly number[] | undefined, horizonMonths: number, rule: (name: string, value: number) => number): void {
  if (path === undefined) return;
  if (!Array.isArray(path) || path.length < horizonMonths) {
    throw new EconomicsInputError(field, Code.OUT_OF_RANGE, `must list one value per month, at least horizonMonths (${horizonMonths})`);
  }
  for (let i = 0; i < horizonMonths; i += 1) rule(`${field}[${i}]`, path[i]);
}

/** Mean subsidy (BTC) over `blocks` blocks from `height` (possibly fractional), given the epoch's subsidy and the next halving height. */
function meanSubsidyBtc(height: number, blocks: number, epochSubsidySats: number, nextHalvingHeight: number): number {
  const end = height + blocks;
  if (end <= nextHalvingHeight) return epochSubsidySats / SATS_PER_BTC;
  const after = blockSubsidySats(nextHalvingHeight);
  return ((nextHalvingHeight - height) * epochSubsidySats + (end - nextHalvingHeight) * after) / blocks / SATS_PER_BTC;
}

export function miningDcf(input: MiningDcfInput): MiningDcfResult {
  const horizonMonths = requireIntegerInRange('horizonMonths', input.horizonMonths, 1, MAX_HORIZON_MONTHS);
  const startPrice = requirePositive('btcPriceUsd', input.btcPriceUsd);
  const startDifficulty = requirePositive('difficulty', input.difficulty);
  const startHeight = requireNonNegativeInteger('height', input.height);
  const fees = requireNonNegative('feesBtcPerBlock', input.feesBtcPerBlock);
  requireAtMostOne({ btcPriceGrowthRatioPerYear: input.btcPriceGrowthRatioPerYear, btcPriceUsdByMonth: input.btcPriceUsdByMonth });
  requireAtMostOne({ difficultyGrowthRatioPerYear: input.difficultyGrowthRatioPerYear, difficultyByMonth: input.difficultyByMonth });
  const priceGrowth = requireRatePerYear('btcPriceGrowthRatioPerYear', input.btcPriceGrowthRatioPerYear ?? 0);
  const difficultyGrowth = requireRatePerYear('difficultyGrowthRatioPerYear', input.difficultyGrowthRatioPerYear ?? 0);
  requirePath('btcPriceUsdByMonth', input.btcPriceUsdByMonth, horizonMonths, requirePositive);
  requirePath('difficultyByMonth', input.difficultyByMonth, horizonMonths, requirePositive);
  requirePath('feesBtcPerBlockByMonth', input.feesBtcPerBlockByMonth, horizonMonths, requireNonNegative);
  let hashrateEhs = requireNonNegative('hashrateEhs', input.hashrateEhs);
  const startEfficiency = requirePositive('efficiencyJth', input.efficiencyJth);
  const powerUsdPerKwh = requireNonNegative('powerUsdPerKwh', input.powerUsdPerKwh);
  const credits = requireNonNegative('powerCreditsUsdPerMonth', input.powerCreditsUsdPerMonth ?? 0);
  const fixedCost = requireNonNegative('fixedCostUsdPerMonth', input.fixedCostUsdPerMonth);
  const variablePerBtc = requireNonNegative('variableCostUsdPerBtc', input.variableCostUsdPerBtc ?? 0);
  const poolFee = requireFraction('poolFee', input.poolFee ?? 0, true);
  const degradation = requireFraction('fleetDegradationRatioPerYear', input.fleetDegradationRatioPerYear ?? 0, true);
  const replace = input.replaceDegradedHashrate ?? false;
  if (replace && input.replacementCapexUsdPerTh === undefined) {
    throw new EconomicsInputError('replacementCapexUsdPerTh', Code.MISSING, 'is required when replaceDegradedHashrate is true');
  }
  const capexPerTh = requireNonNegative('replacementCapexUsdPerTh', input.replacementCapexUsdPerTh ?? 0);
  const replacementEfficiency = requirePositive('replacementEfficiencyJth', input.replacementEfficiencyJth ?? startEfficiency);
  const shutdown = input.shutdownWhenUnprofitable ?? true;
  const taxRate = requireFraction('taxRate', input.taxRate, true);
  const monthlyDiscount = monthlyRateFromAnnual(requireRatePerYear('discountRatePerYear', input.discountRatePerYear));
  if (monthlyDiscount <= -1) throw new EconomicsInputError('discountRatePerYear', Code.OUT_OF_RANGE, 'must be greater than −1');

  const monthlyPriceFactor = (1 + priceGrowth) ** (1 / MONTHS_PER_YEAR);
  const monthlyDifficultyFactor = (1 + difficultyGrowth) ** (1 / MONTHS_PER_YEAR);
  const retiredShare = 1 - (1 - degradation) ** (1 / MONTHS_PER_YEAR);
  const btcPerEhPerUnitReward = (HASHES_PER_EH * SECONDS_PER_MONTH) / HASHES_PER_DIFFICULTY_UNIT;
  const rows: MiningDcfMonth[] | undefined = input.includeMonthlyRows ? [] : undefined;

  let powerMw = hashrateEhs * startEfficiency;
  let price = startPrice;
  let difficulty = startDifficulty;
  let height = startHeight;
  let nextHalving = (Math.floor(startHeight / HALVING_INTERVAL_BLOCKS) + 1) * HALVING_INTERVAL_BLOCKS;
  let epochSubsidySats = blockSubsidySats(startHeight);
  let discountFactor = 1;
  let lossCarryForward = 0;
  let pv = 0;
  let undiscounted = 0;
  let totalBtc = 0;
  let totalRevenue = 0;
  let totalPower = 0;
  let totalCash = 0;
  let totalCapex = 0;
  let totalTax = 0;
  let monthsShutDown = 0;
  let allNonNegative = true;

  for (let month = 0; month < horizonMonths; month += 1) {
    const monthPrice = input.btcPriceUsdByMonth ? input.btcPriceUsdByMonth[month] : price;
    const monthDifficulty = input.difficultyByMonth ? input.difficultyByMonth[month] : difficulty;
    const monthFees = input.feesBtcPerBlockByMonth ? input.feesBtcPerBlockByMonth[month] : fees;
    const subsidy = meanSubsidyBtc(height, BLOCKS_PER_MONTH, epochSubsidySats, nextHalving);
    const efficiency = hashrateEhs > 0 ? powerMw / hashrateEhs : startEfficiency;
    const monthHashrateEhs = hashrateEhs;

    let btcMined = ((hashrateEhs * btcPerEhPerUnitReward) / monthDifficulty) * (subsidy + monthFees) * (1 - poolFee);
    let revenue = btcMined * monthPrice;
    let power = Math.max(0, powerMw * KWH_PER_MW_MONTH * powerUsdPerKwh - credits);
    let variable = btcMined * variablePerBtc;
    const mining = !(shutdown && revenue < power + variable);
    if (!mining) {
      btcMined = revenue = power = variable = 0;
      monthsShutDown += 1;
    }
    const cashCost = fixedCost + variable;
    const ebitda = revenue - power - cashCost;

    // fleet degradation and replacement (capex happens whether or not the fleet mines this month)
    const retiredEhs = hashrateEhs * retiredShare;
    let capex = 0;
    powerMw -= powerMw * retiredShare;
    hashrateEhs -= retiredEhs;
    if (replace && retiredEhs > 0) {
      capex = retiredEhs * TH_PER_EH * capexPerTh;
      hashrateEhs += retiredEhs;
      powerMw += retiredEhs * replacementEfficiency;
    }

    let taxable = ebitda - capex;
    let tax = 0;
    if (taxable < 0) lossCarryForward -= taxable;
    else {
      const used = Math.min(lossCarryForward, taxable);
      lossCarryForward -= used;
      taxable -= used;
      tax = taxable * taxRate;
    }
    const fcf = ebitda - capex - tax;
    discountFactor /= 1 + monthlyDiscount;
    const monthPv = fcf * discountFactor;
    pv += monthPv;
    undiscounted += fcf;
    totalBtc += btcMined;
    totalRevenue += revenue;
    totalPower += power;
    totalCash += cashCost;
    totalCapex += capex;
    totalTax += tax;
    if (fcf < 0) allNonNegative = false;
    if (rows) {
      rows.push({
        month, startHeight: height, subsidyBtc: subsidy, btcPriceUsd: monthPrice, difficulty: monthDifficulty, hashrateEhs: monthHashrateEhs,
        efficiencyJth: efficiency, mining, btcMined, revenueUsd: revenue, powerCostUsd: power, cashCostUsd: cashCost, ebitdaUsd: ebitda,
        capexUsd: capex, taxUsd: tax, freeCashFlowUsd: fcf, discountFactor, presentValueUsd: monthPv,
      });
    }
    height += BLOCKS_PER_MONTH;
    if (height >= nextHalving) {
      epochSubsidySats = blockSubsidySats(nextHalving);
      nextHalving += HALVING_INTERVAL_BLOCKS;
    }
    price *= monthlyPriceFactor;
    difficulty *= monthlyDifficultyFactor;
  }

  return {
    presentValueUsd: pv,
    undiscountedFreeCashFlowUsd: undiscounted,
    totalBtcMined: totalBtc,
    totalRevenueUsd: totalRevenue,
    totalPowerCostUsd: totalPower,
    totalCashCostUsd: totalCash,
    totalCapexUsd: totalCapex,
    totalTaxUsd: totalTax,
    monthsMining: horizonMonths - monthsShutDown,
    monthsShutDown,
    halvingsInHorizon: Math.floor(height / HALVING_INTERVAL_BLOCKS) - Math.floor(startHeight / HALVING_INTERVAL_BLOCKS),
    endHeight: Math.floor(height),
    endHashrateEhs: hashrateEhs,
    endEfficiencyJth: hashrateEhs > 0 ? powerMw / hashrateEhs : startEfficiency,
    allCashFlowsNonNegative: allNonNegative,
    ...(rows && { rows }),
  };
}
