import { requireNonNegative, requirePositive } from '../shared/validate.util';
import { HOURS_PER_DAY } from '../shared/units';

/**
 * Energy hashcost [$/PH/s/day] = e [J/TH] · p [$/kWh] · 24. A machine at e J/TH draws e kW per PH/s.
 * Unit trap (docs/methodology.md §2.4): "J/TH × $/MWh × 24" is the same number in $ per EH/s per day
 * (17.5 × 50 × 24 = $21,000/EH/day = $21/PH/day).
 */
export function energyHashcostUsdPerPhDay(efficiencyJth: number, powerUsdPerKwh: number): number {
  requireNonNegative('efficiencyJth', efficiencyJth);
  requireNonNegative('powerUsdPerKwh', powerUsdPerKwh);
  return efficiencyJth * powerUsdPerKwh * HOURS_PER_DAY;
}

/** $/MWh → $/kWh (÷ 1,000), for power prices quoted per MWh. */
export function usdPerMwhToUsdPerKwh(powerUsdPerMwh: number): number {
  requireNonNegative('powerUsdPerMwh', powerUsdPerMwh);
  return powerUsdPerMwh / 1_000;
}

/**
 * Company (implied) hashcost, TheMinerMag style: cost per BTC × BTC earned per PH/s per day.
 * Which cost per BTC (power only, direct, cash, all-in) decides what the result means (docs/methodology.md §4.1).
 */
export function impliedHashcostUsdPerPhDay(costUsdPerBtc: number, realizedBtcPerPhDay: number): number {
  requireNonNegative('costUsdPerBtc', costUsdPerBtc);
  requirePositive('realizedBtcPerPhDay', realizedBtcPerPhDay);
  return costUsdPerBtc * realizedBtcPerPhDay;
}
