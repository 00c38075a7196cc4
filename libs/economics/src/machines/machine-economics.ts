import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFraction, requireNonNegative, requirePositive } from '../shared/validate.util';
import { HOURS_PER_DAY, TH_PER_PH, WATTS_PER_KW } from '../shared/units';

/*
 * Machine economics, docs/methodology.md §3.1. Symbols: h hashrate [TH/s], P power [W], e = P/h [J/TH],
 * p power price [$/kWh], u uptime (0–1), φ pool fee (0–1), HP USD hashprice [$/PH/day],
 * HV BTC hashprice [BTC/PH/day]. Uptime scales revenue and power cost alike, so break-even prices
 * do not depend on it; the pool fee lowers revenue only, so they do.
 */

/** e = P / h, in J/TH (= W per TH/s = kW per PH/s). */
export function efficiencyJth(powerW: number, hashrateThs: number): number {
  requirePositive('powerW', powerW);
  requirePositive('hashrateThs', hashrateThs);
  return powerW / hashrateThs;
}

/** h/1000 · HP · u · (1 − φ), $/day. */
export function machineRevenueUsdPerDay(hashrateThs: number, hashpriceUsdPerPhDay: number, uptime = 1, poolFee = 0): number {
  requireNonNegative('hashrateThs', hashrateThs);
  requireNonNegative('hashpriceUsdPerPhDay', hashpriceUsdPerPhDay);
  requireFraction('uptime', uptime);
  requireFraction('poolFee', poolFee);
  return (hashrateThs / TH_PER_PH) * hashpriceUsdPerPhDay * uptime * (1 - poolFee);
}

/** P/1000 · 24 · p · u, $/day. */
export function machinePowerCostUsdPerDay(powerW: number, powerUsdPerKwh: number, uptime = 1): number {
  requireNonNegative('powerW', powerW);
  requireNonNegative('powerUsdPerKwh', powerUsdPerKwh);
  requireFraction('uptime', uptime);
  return (powerW / WATTS_PER_KW) * HOURS_PER_DAY * powerUsdPerKwh * uptime;
}

/** Daily energy of one machine running all day, kWh: P · 24 / 1000. */
export function machineEnergyKwhPerDay(powerW: number): number {
  requireNonNegative('powerW', powerW);
  return (powerW * HOURS_PER_DAY) / WATTS_PER_KW;
}

function requireNetFactor(poolFee: number): number {
  requireFraction('poolFee', poolFee);
  if (poolFee === 1) throw new EconomicsInputError('poolFee', Code.OUT_OF_RANGE, 'must be below 1 for a break-even to exist');
  return 1 - poolFee;
}

/** p* = HP · (1 − φ) / (24 · e): the power price at which profit is zero. $/kWh. */
export function breakevenPowerUsdPerKwh(hashpriceUsdPerPhDay: number, efficiencyJthValue: number, poolFee = 0): number {
  requireNonNegative('hashpriceUsdPerPhDay', hashpriceUsdPerPhDay);
  requirePositive('efficiencyJth', efficiencyJthValue);
  return (hashpriceUsdPerPhDay * requireNetFactor(poolFee)) / (HOURS_PER_DAY * efficiencyJthValue);
}

/** HP* = 24 · e · p / (1 − φ): the hashprice at which profit is zero. $/PH/day. */
export function breakevenHashpriceUsdPerPhDay(efficiencyJthValue: number, powerUsdPerKwh: number, poolFee = 0): number {
  requirePositive('efficiencyJth', efficiencyJthValue);
  requireNonNegative('powerUsdPerKwh', powerUsdPerKwh);
  return (HOURS_PER_DAY * efficiencyJthValue * powerUsdPerKwh) / requireNetFactor(poolFee);
}

/**
 * Shutdown (break-even) BTC price, F2Pool/ViaBTC usage: S* = 24 · e · p / (HV · (1 − φ)), $/BTC.
 * Daily revenue equals daily electricity cost at this price, current difficulty and fees; ignores
 * depreciation and hosting fees.
 */
export function shutdownPriceUsd(efficiencyJthValue: number, powerUsdPerKwh: number, hashpriceBtcPerPhDay: number, poolFee = 0): number {
  requirePositive('efficiencyJth', efficiencyJthValue);
  requireNonNegative('powerUsdPerKwh', powerUsdPerKwh);
  requirePositive('hashpriceBtcPerPhDay', hashpriceBtcPerPhDay);
  return (HOURS_PER_DAY * efficiencyJthValue * powerUsdPerKwh) / (hashpriceBtcPerPhDay * requireNetFactor(poolFee));
}

/** Simple payback, capex / (daily profit), in days; null when the machine does not make money. */
export function paybackDays(capexUsd: number, netProfitUsdPerDay: number): number | null {
  requireNonNegative('capexUsd', capexUsd);
  if (!Number.isFinite(netProfitUsdPerDay)) throw new EconomicsInputError('netProfitUsdPerDay', Code.NOT_FINITE, 'must be a finite number');
  return netProfitUsdPerDay > 0 ? capexUsd / netProfitUsdPerDay : null;
}

/** ASIC price per unit of nameplate hashrate, $/TH (Hashrate Index ASIC Price Index convention). */
export function usdPerTh(unitPriceUsd: number, hashrateThs: number): number {
  requireNonNegative('unitPriceUsd', unitPriceUsd);
  requirePositive('hashrateThs', hashrateThs);
  return unitPriceUsd / hashrateThs;
}

export interface MachineEconomicsInput {
  hashrateThs: number;
  powerW: number;
  powerUsdPerKwh: number;
  hashpriceUsdPerPhDay: number;
  /** BTC hashprice; with it the shutdown BTC price is computed. */
  hashpriceBtcPerPhDay?: number;
  /** 0–1, default 1 (the Hashrate Index break-even list assumes 100 %). */
  uptime?: number;
  /** 0–1, default 0 (published hashprice includes no pool fee). */
  poolFee?: number;
  /** Purchase price of the machine; with it payback is computed. */
  capexUsd?: number;
  /** Other daily operating cost (hosting, maintenance) deducted before payback, default 0. */
  otherOpexUsdPerDay?: number;
}

export interface MachineEconomics {
  hashrateThs: number;
  powerW: number;
  efficiencyJth: number;
  revenueUsdPerDay: number;
  powerCostUsdPerDay: number;
  profitUsdPerDay: number;
  /** (revenue − power) / revenue; null when revenue is 0. */
  grossMargin: number | null;
  breakevenPowerUsdPerKwh: number;
  breakevenHashpriceUsdPerPhDay: number;
  shutdownPriceUsd?: number;
  /** null when profit ≤ 0 (never pays back). */
  paybackDays?: number | null;
  usdPerTh?: number;
  btcPerDay?: number;
}

/** All the per-machine figures of docs/methodology.md §3.1 for one machine and one market state. */
export function machineEconomics(input: MachineEconomicsInput): MachineEconomics {
  const uptime = input.uptime ?? 1;
  const poolFee = input.poolFee ?? 0;
  const otherOpexUsdPerDay = requireNonNegative('otherOpexUsdPerDay', input.otherOpexUsdPerDay ?? 0);
  const efficiency = efficiencyJth(input.powerW, input.hashrateThs);
  const revenueUsdPerDay = machineRevenueUsdPerDay(input.hashrateThs, input.hashpriceUsdPerPhDay, uptime, poolFee);
  const powerCostUsdPerDay = machinePowerCostUsdPerDay(input.powerW, input.powerUsdPerKwh, uptime);
  const profitUsdPerDay = revenueUsdPerDay - powerCostUsdPerDay;
  const result: MachineEconomics = {
    hashrateThs: input.hashrateThs,
    powerW: input.powerW,
    efficiencyJth: efficiency,
    revenueUsdPerDay,
    powerCostUsdPerDay,
    profitUsdPerDay,
    grossMargin: revenueUsdPerDay === 0 ? null : profitUsdPerDay / revenueUsdPerDay,
    breakevenPowerUsdPerKwh: breakevenPowerUsdPerKwh(input.hashpriceUsdPerPhDay, efficiency, poolFee),
    breakevenHashpriceUsdPerPhDay: breakevenHashpriceUsdPerPhDay(efficiency, input.powerUsdPerKwh, poolFee),
  };
  if (input.hashpriceBtcPerPhDay !== undefined) {
    result.shutdownPriceUsd = shutdownPriceUsd(efficiency, input.powerUsdPerKwh, input.hashpriceBtcPerPhDay, poolFee);
    result.btcPerDay = (input.hashrateThs / TH_PER_PH) * input.hashpriceBtcPerPhDay * uptime * (1 - poolFee);
  }
  if (input.capexUsd !== undefined) {
    result.paybackDays = paybackDays(input.capexUsd, profitUsdPerDay - otherOpexUsdPerDay);
    result.usdPerTh = usdPerTh(input.capexUsd, input.hashrateThs);
  }
  return result;
}
