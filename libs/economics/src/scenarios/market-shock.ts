import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFinite } from '../shared/validate.util';
import { btcToSats, satsToBtc } from '../shared/units';
import { nextHalvingHeight } from '../network/subsidy';
import { resolveMarket, type MarketInputs } from '../companies/market-inputs';

/**
 * A deterministic shock to a market state. Changes are ratios (−0.2 = −20 %), never percents.
 * `halving: true` halves the subsidy as if the halving happened now: with a height, the height moves
 * to the next halving height (so a DCF also sees the following halving four years later); with a
 * subsidy, the satoshi amount is halved and floored as consensus does. Fees stay in BTC per block
 * (docs/methodology.md §2.1: fees do not halve).
 */
export interface MarketShock {
  readonly btcPriceChangeRatio?: number;
  readonly difficultyChangeRatio?: number;
  /** Applied to fees in BTC per block (whatever convention the market gave them in). */
  readonly feesChangeRatio?: number;
  /** Multiplies the power price in force (profile or override) via powerPriceFactor. */
  readonly powerPriceChangeRatio?: number;
  readonly sharePriceChangeRatio?: number;
  readonly halving?: boolean;
}

function requireChange(field: string, value: number | undefined): number {
  if (value === undefined) return 0;
  requireFinite(field, value);
  if (value <= -1) throw new EconomicsInputError(field, Code.OUT_OF_RANGE, 'must be greater than −1 (a ratio: −0.2 = −20 %; −100 % or less leaves nothing)');
  return value;
}

/** The shocked market (a new object; the base is not changed). Fees come back as feesBtcPerBlock. */
export function applyMarketShock(market: MarketInputs, shock: MarketShock): MarketInputs {
  const base = resolveMarket(market);
  const price = requireChange('btcPriceChangeRatio', shock.btcPriceChangeRatio);
  const difficulty = requireChange('difficultyChangeRatio', shock.difficultyChangeRatio);
  const fees = requireChange('feesChangeRatio', shock.feesChangeRatio);
  const power = requireChange('powerPriceChangeRatio', shock.powerPriceChangeRatio);
  const share = requireChange('sharePriceChangeRatio', shock.sharePriceChangeRatio);
  if (shock.halving !== undefined && typeof shock.halving !== 'boolean') throw new EconomicsInputError('halving', Code.OUT_OF_RANGE, 'must be true or false');
  const subsidy =
    shock.halving !== true
      ? base.height !== null ? { height: base.height } : { subsidyBtc: base.subsidyBtc }
      : base.height !== null ? { height: nextHalvingHeight(base.height) } : { subsidyBtc: satsToBtc(Math.floor(btcToSats(base.subsidyBtc) / 2)) };
  return {
    btcPriceUsd: base.btcPriceUsd * (1 + price),
    difficulty: base.difficulty * (1 + difficulty),
    ...subsidy,
    feesBtcPerBlock: base.feesBtcPerBlock * (1 + fees),
    ...(base.sharePriceUsd !== null && { sharePriceUsd: base.sharePriceUsd * (1 + share) }),
    ...(base.powerUsdPerKwhOverride !== null && { powerUsdPerKwh: base.powerUsdPerKwhOverride }),
    powerPriceFactor: base.powerPriceFactor * (1 + power),
  };
}

/** A shock with a name, for tables. */
export interface NamedShock {
  readonly name: string;
  readonly shock: MarketShock;
}

/** Standard stress set: each driver alone, then all adverse together. */
export const STANDARD_SHOCKS: readonly NamedShock[] = Object.freeze([
  { name: 'btc price −20 %', shock: { btcPriceChangeRatio: -0.2 } },
  { name: 'difficulty +10 %', shock: { difficultyChangeRatio: 0.1 } },
  { name: 'fees −50 %', shock: { feesChangeRatio: -0.5 } },
  { name: 'power price +30 %', shock: { powerPriceChangeRatio: 0.3 } },
  { name: 'halving', shock: { halving: true } },
  { name: 'all of the above', shock: { btcPriceChangeRatio: -0.2, difficultyChangeRatio: 0.1, feesChangeRatio: -0.5, powerPriceChangeRatio: 0.3, halving: true } },
]);
