import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFinite, requirePositive } from '../shared/validate.util';
import { breakevenPowerUsdPerKwh } from '../machines/machine-economics';

const KWH_PER_MWH = 1_000;

/*
 * The curtailment strike is the fleet's break-even power price: above it an hour of mining earns less
 * than the power costs (or than the power would fetch if sold back), so the fleet should stop.
 * A fleet at e J/TH draws e kW per PH/s, e · 24 kWh per PH/s a day, against HP $ of revenue per PH/s
 * a day, so p* = HP · (1 − pool fee) / (24 · e) $/kWh: the break-even power price of machine economics.
 * Market prices are quoted per MWh, hence both units.
 */

export interface CurtailmentStrike {
  readonly strikeUsdPerKwh: number;
  readonly strikeUsdPerMwh: number;
}

export function curtailmentStrike(hashpriceUsdPerPhDay: number, fleetEfficiencyJth: number, poolFee = 0): CurtailmentStrike {
  requirePositive('fleetEfficiencyJth', fleetEfficiencyJth);
  const strikeUsdPerKwh = breakevenPowerUsdPerKwh(hashpriceUsdPerPhDay, fleetEfficiencyJth, poolFee);
  return { strikeUsdPerKwh, strikeUsdPerMwh: strikeUsdPerKwh * KWH_PER_MWH };
}

/** Observed prices at a fixed interval (hourly day-ahead, 15-minute real-time …), $/MWh; may be negative. */
export interface PowerPriceSeries {
  readonly pricesUsdPerMwh: readonly number[];
  /** Length of each interval, hours. Default 1. */
  readonly intervalHours?: number;
}

export interface HoursAboveStrike {
  readonly totalHours: number;
  readonly hoursAboveStrike: number;
  /** hours above ÷ all hours, a ratio. */
  readonly shareOfHoursAboveStrike: number;
  /** Σ (price − strike) · interval over the hours above the strike, $/MWh·h = $ per MW curtailed. */
  readonly excessUsdPerMw: number;
  /** Σ price · interval over the same hours, $ per MW curtailed. */
  readonly priceUsdPerMw: number;
}

/** Intervals strictly above the strike (at the strike mining and curtailing are worth the same). */
export function hoursAboveStrike(series: PowerPriceSeries, strikeUsdPerMwh: number): HoursAboveStrike {
  const prices = series.pricesUsdPerMwh;
  if (!Array.isArray(prices) || prices.length === 0) throw new EconomicsInputError('pricesUsdPerMwh', Code.MISSING, 'must list at least one observed price');
  const intervalHours = requirePositive('intervalHours', series.intervalHours ?? 1);
  requireFinite('strikeUsdPerMwh', strikeUsdPerMwh);
  let intervalsAbove = 0;
  let excess = 0;
  let price = 0;
  prices.forEach((value, index) => {
    requireFinite(`pricesUsdPerMwh[${index}]`, value);
    if (value > strikeUsdPerMwh) {
      intervalsAbove += 1;
      excess += value - strikeUsdPerMwh;
      price += value;
    }
  });
  return {
    totalHours: prices.length * intervalHours,
    hoursAboveStrike: intervalsAbove * intervalHours,
    shareOfHoursAboveStrike: intervalsAbove / prices.length,
    excessUsdPerMw: excess * intervalHours,
    priceUsdPerMw: price * intervalHours,
  };
}
