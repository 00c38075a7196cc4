import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireAtMostOne, requireNonNegative, requireNonNegativeInteger, requirePositive } from '../shared/validate.util';
import { blockSubsidyBtc } from '../network/subsidy';
import { blockReward } from '../hashprice/block-reward';
import { hashpriceBtcPerPhDay } from '../hashprice/hashprice';

/**
 * The market state a company is valued in. Give the subsidy as `height` (consensus schedule) or
 * `subsidyBtc`, and fees in exactly one convention (docs/methodology.md §2.2; ratios, never percents).
 */
export interface MarketInputs {
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  readonly height?: number;
  readonly subsidyBtc?: number;
  /** Mean fees per block, BTC (Luxor: last 144 blocks). */
  readonly feesBtcPerBlock?: number;
  /** fees / (subsidy + fees), 0 ≤ f < 1 (Hashrate Index). */
  readonly feeShareOfReward?: number;
  /** fees / subsidy (ViaBTC "6.25 + 6.25×1.3%" is 0.013). */
  readonly feeToSubsidyRatio?: number;
  /** Needed for market cap, EV, mNAV and per-share comparisons. */
  readonly sharePriceUsd?: number;
  /** Overrides the profile's power price for every company valued in this market. */
  readonly powerUsdPerKwh?: number;
  /** Multiplies whichever power price applies (override or profile); scenarios use it. Default 1. */
  readonly powerPriceFactor?: number;
}

/** MarketInputs validated, with the reward and hashprice worked out. */
export interface ResolvedMarket {
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  readonly height: number | null;
  readonly subsidyBtc: number;
  readonly feesBtcPerBlock: number;
  readonly rewardBtcPerBlock: number;
  readonly feeShareOfReward: number;
  readonly hashpriceBtcPerPhDay: number;
  readonly hashpriceUsdPerPhDay: number;
  readonly sharePriceUsd: number | null;
  readonly powerUsdPerKwhOverride: number | null;
  readonly powerPriceFactor: number;
}

export function resolveMarket(market: MarketInputs): ResolvedMarket {
  if (typeof market !== 'object' || market === null) throw new EconomicsInputError('market', Code.MISSING, 'must be an object');
  const btcPriceUsd = requirePositive('btcPriceUsd', market.btcPriceUsd);
  const difficulty = requirePositive('difficulty', market.difficulty);
  const subsidySource = requireAtMostOne({ height: market.height, subsidyBtc: market.subsidyBtc });
  if (subsidySource === undefined) throw new EconomicsInputError('subsidyBtc', Code.MISSING, 'is required (give height or subsidyBtc)');
  const height = subsidySource === 'height' ? requireNonNegativeInteger('height', market.height as number) : null;
  const subsidyBtc = height !== null ? blockSubsidyBtc(height) : requireNonNegative('subsidyBtc', market.subsidyBtc as number);
  const fees = { feesBtcPerBlock: market.feesBtcPerBlock, feeShareOfReward: market.feeShareOfReward, feeToSubsidyRatio: market.feeToSubsidyRatio };
  if (requireAtMostOne(fees) === undefined) {
    throw new EconomicsInputError('feesBtcPerBlock', Code.MISSING, 'is required (give feesBtcPerBlock, feeShareOfReward or feeToSubsidyRatio; 0 for none)');
  }
  const reward = blockReward(subsidyBtc, fees);
  const btcPerPhDay = hashpriceBtcPerPhDay(difficulty, reward.rewardBtcPerBlock);
  return {
    btcPriceUsd,
    difficulty,
    height,
    subsidyBtc,
    feesBtcPerBlock: reward.feesBtcPerBlock,
    rewardBtcPerBlock: reward.rewardBtcPerBlock,
    feeShareOfReward: reward.feeShareOfReward,
    hashpriceBtcPerPhDay: btcPerPhDay,
    hashpriceUsdPerPhDay: btcPerPhDay * btcPriceUsd,
    sharePriceUsd: market.sharePriceUsd === undefined ? null : requirePositive('sharePriceUsd', market.sharePriceUsd),
    powerUsdPerKwhOverride: market.powerUsdPerKwh === undefined ? null : requireNonNegative('powerUsdPerKwh', market.powerUsdPerKwh),
    powerPriceFactor: requireNonNegative('powerPriceFactor', market.powerPriceFactor ?? 1),
  };
}
