import { derive, input } from '../shared/known-value.util';
import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { daysInclusive } from '../shared/calendar.util';
import { HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_EH, HOURS_PER_DAY, PH_PER_EH, SECONDS_PER_DAY } from '../shared/units';
import type { CompanyProfile } from './company-profile';
import { resolveCompanyAssumptions, type CompanyAssumptions } from './company-assumptions';
import { hostingProfitUsdPerDay, hpcNoiUsdPerDay } from './company-metrics';
import { creditsApply, hashrateAtWork, periodCost, powerPrice } from './mining-core';

/*
 * A company compiled once into plain numbers, then evaluated in many market states without
 * allocating: the Monte Carlo path of the risk service. `evaluateCompanyRunRate` gives the same
 * numbers as companyMetrics (the spec checks it) for the metrics it covers.
 */

const KW_PER_MW = 1_000;

export interface CompanyRunRateModel {
  readonly ticker: string;
  readonly hashrateAtWorkEhs: number;
  readonly efficiencyJth: number;
  /** Before any scenario factor. */
  readonly powerUsdPerKwh: number;
  /** Credits subtracted from the power cost per day (0 when the price is already net of them). */
  readonly powerCreditsUsdPerDay: number;
  /** Other direct cost: a per-day amount from the profile, or a per-BTC assumption (the other is 0). */
  readonly otherDirectUsdPerDay: number;
  readonly otherDirectUsdPerBtc: number;
  /** SG&A ex-SBC + interest, company-wide, per day and/or per BTC as for other direct cost. */
  readonly overheadUsdPerDay: number;
  readonly overheadUsdPerBtc: number;
  readonly miningShareOfOverhead: number;
  /** Hosting profit + NOI of operating HPC contracts, per day. */
  readonly otherIncomeUsdPerDay: number;
  readonly poolFee: number;
}

/** What one evaluation writes. Reuse one object across calls. */
export interface CompanyRunRate {
  btcPerDay: number;
  miningRevenueUsdPerDay: number;
  powerCostUsdPerDay: number;
  powerCostPerBtcUsd: number;
  allInCostPerBtcUsd: number;
  allInHashcostUsdPerPhDay: number;
  allInMarginRatio: number;
  /** Company-wide: revenue + other income − power − other direct − SG&A − interest. */
  netCashFlowUsdPerDay: number;
}

export function emptyCompanyRunRate(): CompanyRunRate {
  return {
    btcPerDay: 0,
    miningRevenueUsdPerDay: 0,
    powerCostUsdPerDay: 0,
    powerCostPerBtcUsd: 0,
    allInCostPerBtcUsd: 0,
    allInHashcostUsdPerPhDay: 0,
    allInMarginRatio: 0,
    netCashFlowUsdPerDay: 0,
  };
}

export type PreparedCompanyRunRate =
  | { readonly model: CompanyRunRateModel; readonly missingInputs: null }
  | { readonly model: null; readonly missingInputs: readonly string[] };

/**
 * Compiles a profile (with the power price override, if any) into a run-rate model; null with the
 * missing inputs when the profile lacks what the all-in cost and cash flow need.
 */
export function prepareCompanyRunRate(
  profile: CompanyProfile,
  assumptionOverrides: Partial<CompanyAssumptions> = {},
  powerUsdPerKwhOverride: number | null = null,
): PreparedCompanyRunRate {
  const assumptions = resolveCompanyAssumptions(assumptionOverrides);
  const periodDays = daysInclusive(profile.period.startDate, profile.period.endDate);
  const { opex, power } = profile;
  const price = powerPrice(profile, powerUsdPerKwhOverride === null ? null : requireNonNegative('powerUsdPerKwh', powerUsdPerKwhOverride), 1);
  const credits = power.creditsUsdInPeriod.value;
  const cost = (periodPath: string, periodValue: number | null, name: 'otherDirectCostUsdPerBtc' | 'sgaExSbcUsdPerBtc' | 'interestUsdPerBtc') =>
    periodCost(periodDays, periodPath, periodValue, name, assumptions[name]);
  const direct = cost('opex.otherDirectCostUsdInPeriod', opex.otherDirectCostUsdInPeriod.value, 'otherDirectCostUsdPerBtc');
  const sga = cost('opex.sgaExSbcUsdInPeriod', opex.sgaExSbcUsdInPeriod.value, 'sgaExSbcUsdPerBtc');
  const interest = cost('opex.interestExpenseUsdInPeriod', opex.interestExpenseUsdInPeriod.value, 'interestUsdPerBtc');
  const hashrate = hashrateAtWork(profile, assumptions.uptime).hashrateAtWorkEhs;
  const efficiency = input('fleet.efficiencyJth', profile.fleet.efficiencyJth.value);
  const hosting = hostingProfitUsdPerDay(profile, periodDays);
  const hpcNoi = hpcNoiUsdPerDay(profile.hpcContracts, assumptions.hpcNoiMarginRatio).noiUsdPerDay;
  const all = derive([hashrate, efficiency, price.usdPerKwh, direct.status, sga.status, interest.status, hosting, hpcNoi], () => 0);
  if (all.value === null) return { model: null, missingInputs: all.missingInputs };
  return {
    model: Object.freeze({
      ticker: profile.ticker,
      hashrateAtWorkEhs: hashrate.value as number,
      efficiencyJth: efficiency.value as number,
      powerUsdPerKwh: price.usdPerKwh.value as number,
      powerCreditsUsdPerDay: credits !== null && creditsApply(profile, price.source) ? credits / periodDays : 0,
      otherDirectUsdPerDay: direct.perDay,
      otherDirectUsdPerBtc: direct.perBtc,
      overheadUsdPerDay: sga.perDay + interest.perDay,
      overheadUsdPerBtc: sga.perBtc + interest.perBtc,
      miningShareOfOverhead: assumptions.miningShareOfOverhead,
      otherIncomeUsdPerDay: (hosting.value as number) + (hpcNoi.value as number),
      poolFee: assumptions.poolFee,
    }),
    missingInputs: null,
  };
}

/**
 * Evaluates a compiled company in one market state, writing into `out` (no allocation).
 * Cost per BTC, hashcost and margin are NaN when no BTC is mined.
 */
export function evaluateCompanyRunRate(
  model: CompanyRunRateModel,
  btcPriceUsd: number,
  difficulty: number,
  rewardBtcPerBlock: number,
  powerPriceFactor: number,
  out: CompanyRunRate,
): CompanyRunRate {
  requirePositive('btcPriceUsd', btcPriceUsd);
  requirePositive('difficulty', difficulty);
  requireNonNegative('rewardBtcPerBlock', rewardBtcPerBlock);
  requireNonNegative('powerPriceFactor', powerPriceFactor);
  const btcPerDay = ((model.hashrateAtWorkEhs * HASHES_PER_EH * SECONDS_PER_DAY) / (difficulty * HASHES_PER_DIFFICULTY_UNIT)) * rewardBtcPerBlock * (1 - model.poolFee);
  const revenue = btcPerDay * btcPriceUsd;
  const gross = model.hashrateAtWorkEhs * model.efficiencyJth * KW_PER_MW * HOURS_PER_DAY * model.powerUsdPerKwh * powerPriceFactor;
  const powerCost = Math.max(0, gross - model.powerCreditsUsdPerDay);
  const direct = powerCost + model.otherDirectUsdPerDay + model.otherDirectUsdPerBtc * btcPerDay;
  const overhead = model.overheadUsdPerDay + model.overheadUsdPerBtc * btcPerDay;
  const allIn = direct + model.miningShareOfOverhead * overhead;
  out.btcPerDay = btcPerDay;
  out.miningRevenueUsdPerDay = revenue;
  out.powerCostUsdPerDay = powerCost;
  out.powerCostPerBtcUsd = btcPerDay > 0 ? powerCost / btcPerDay : Number.NaN;
  out.allInCostPerBtcUsd = btcPerDay > 0 ? allIn / btcPerDay : Number.NaN;
  out.allInHashcostUsdPerPhDay = model.hashrateAtWorkEhs > 0 ? allIn / (model.hashrateAtWorkEhs * PH_PER_EH) : Number.NaN;
  out.allInMarginRatio = btcPerDay > 0 ? 1 - allIn / btcPerDay / btcPriceUsd : Number.NaN;
  out.netCashFlowUsdPerDay = revenue + model.otherIncomeUsdPerDay - direct - overhead;
  return out;
}
