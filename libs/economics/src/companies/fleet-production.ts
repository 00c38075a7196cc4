import { requireFraction, requireNonNegative, requirePositive } from '../shared/validate.util';
import { HASHES_PER_DIFFICULTY_UNIT, HASHES_PER_EH, HOURS_PER_DAY, PH_PER_EH, SECONDS_PER_DAY } from '../shared/units';

/*
 * The per-call kernels of company economics: plain numbers in, one number out, no allocation, so the
 * risk service can run them millions of times. Hashrate is the hashrate AT WORK (operating, or
 * installed × uptime). J/TH = kW per PH/s = MW per EH/s (docs/methodology.md §1.1).
 */

const KW_PER_MW = 1_000;

/** Expected BTC per day: h · 86,400 / (D · 2^32) · (subsidy + fees) · (1 − pool fee), h in EH/s. */
export function fleetBtcPerDay(hashrateEhs: number, difficulty: number, rewardBtcPerBlock: number, poolFee = 0): number {
  requireNonNegative('hashrateEhs', hashrateEhs);
  requirePositive('difficulty', difficulty);
  requireNonNegative('rewardBtcPerBlock', rewardBtcPerBlock);
  requireFraction('poolFee', poolFee);
  return ((hashrateEhs * HASHES_PER_EH * SECONDS_PER_DAY) / (difficulty * HASHES_PER_DIFFICULTY_UNIT)) * rewardBtcPerBlock * (1 - poolFee);
}

/** Power drawn by the hashrate at work, MW: EH/s × J/TH. */
export function fleetPowerMw(hashrateEhs: number, efficiencyJth: number): number {
  requireNonNegative('hashrateEhs', hashrateEhs);
  requireNonNegative('efficiencyJth', efficiencyJth);
  return hashrateEhs * efficiencyJth;
}

/** Electricity cost per day, USD: MW · 1,000 · 24 h · $/kWh. */
export function fleetPowerCostUsdPerDay(hashrateEhs: number, efficiencyJth: number, powerUsdPerKwh: number): number {
  requireNonNegative('powerUsdPerKwh', powerUsdPerKwh);
  return fleetPowerMw(hashrateEhs, efficiencyJth) * KW_PER_MW * HOURS_PER_DAY * powerUsdPerKwh;
}

/** A daily cost divided by daily production: USD per BTC (which cost decides the definition, docs/methodology.md §4.1). */
export function costPerBtcUsd(costUsdPerDay: number, btcPerDay: number): number {
  requireNonNegative('costUsdPerDay', costUsdPerDay);
  requirePositive('btcPerDay', btcPerDay);
  return costUsdPerDay / btcPerDay;
}

/**
 * Hashcost, $/PH/s/day: a daily cost per PH/s at work. Equals cost per BTC × realized BTC per PH/s
 * per day (TheMinerMag, docs/methodology.md §2.4); with the power cost alone it is e · p · 24.
 */
export function fleetHashcostUsdPerPhDay(costUsdPerDay: number, hashrateEhs: number): number {
  requireNonNegative('costUsdPerDay', costUsdPerDay);
  requirePositive('hashrateEhs', hashrateEhs);
  return costUsdPerDay / (hashrateEhs * PH_PER_EH);
}

/** Mining margin on a cost definition: 1 − cost per BTC / BTC price (negative when mining loses money). */
export function miningMarginRatio(btcPriceUsd: number, costPerBtcUsdValue: number): number {
  requirePositive('btcPriceUsd', btcPriceUsd);
  requireNonNegative('costPerBtcUsd', costPerBtcUsdValue);
  return 1 - costPerBtcUsdValue / btcPriceUsd;
}

/**
 * Realized hashrate (TheMinerMag, docs/methodology.md §4.2): the hashrate that earns the company's BTC at the
 * network's reward rate, = BTC mined ÷ (network block rewards in the period ÷ network mean hashrate).
 */
export function companyRealizedHashrateEhs(btcMined: number, networkRewardBtc: number, networkMeanHashrateEhs: number): number {
  requireNonNegative('btcMined', btcMined);
  requirePositive('networkRewardBtc', networkRewardBtc);
  requirePositive('networkMeanHashrateEhs', networkMeanHashrateEhs);
  return (btcMined / networkRewardBtc) * networkMeanHashrateEhs;
}
