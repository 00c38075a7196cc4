import { requireNonNegative } from '../shared/validate.util';
import { resolveMarket, type MarketInputs } from '../companies/market-inputs';
import { machineEconomics, type MachineEconomics } from '../machines/machine-economics';

/** One machine: its specification and running conditions, without the market. */
export interface MachineSpecInput {
  readonly hashrateThs: number;
  readonly powerW: number;
  /** Used unless the market overrides it; the market's powerPriceFactor applies either way. */
  readonly powerUsdPerKwh: number;
  readonly uptime?: number;
  readonly poolFee?: number;
  readonly capexUsd?: number;
}

export interface MachineAtMarket extends MachineEconomics {
  readonly powerUsdPerKwh: number;
  readonly hashpriceUsdPerPhDay: number;
  readonly hashpriceBtcPerPhDay: number;
}

/** Machine economics (docs/methodology.md §3.1) in a market state, so that scenarios and grids can shock it. */
export function machineAtMarket(machine: MachineSpecInput, market: MarketInputs): MachineAtMarket {
  const m = resolveMarket(market);
  const powerUsdPerKwh = (m.powerUsdPerKwhOverride ?? requireNonNegative('powerUsdPerKwh', machine.powerUsdPerKwh)) * m.powerPriceFactor;
  const result = machineEconomics({
    hashrateThs: machine.hashrateThs,
    powerW: machine.powerW,
    powerUsdPerKwh,
    hashpriceUsdPerPhDay: m.hashpriceUsdPerPhDay,
    hashpriceBtcPerPhDay: m.hashpriceBtcPerPhDay,
    uptime: machine.uptime,
    poolFee: machine.poolFee,
    capexUsd: machine.capexUsd,
  });
  return { ...result, powerUsdPerKwh, hashpriceUsdPerPhDay: m.hashpriceUsdPerPhDay, hashpriceBtcPerPhDay: m.hashpriceBtcPerPhDay };
}
