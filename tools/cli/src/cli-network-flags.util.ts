import { blockReward, blockSubsidyBtc, hashpriceBtcPerPhDay, hashpriceUsdPerPhDay, type BlockReward } from '@hashdesk/economics';
import type { CliFlagSpecs, CliFlagValues } from './cli-command.interface';
import { numberFlag, oneOfFlags, optionalNumberFlag } from './cli-flags.util';

/*
 * The network-state flags several commands share: difficulty, the subsidy (from a height or given),
 * fees in one of three named conventions, and the BTC price. Spread them into a command's `flags`
 * and its `flagForField`, then read them with the functions below.
 */

export const DIFFICULTY_FLAG: CliFlagSpecs = {
  difficulty: { type: 'string', placeholder: '<D>', description: 'network difficulty, e.g. 155.973e12 (> 0)' },
};

export const SUBSIDY_FLAGS: CliFlagSpecs = {
  height: { type: 'string', placeholder: '<H>', description: 'block height; sets the subsidy by the consensus schedule' },
  'subsidy-btc': { type: 'string', placeholder: '<BTC>', description: 'block subsidy in BTC (instead of --height), e.g. 3.125' },
};

export const FEE_FLAGS: CliFlagSpecs = {
  'fees-btc-per-block': { type: 'string', placeholder: '<BTC>', description: 'mean fees per block in BTC (Luxor: last 144 blocks); default 0' },
  'fee-share': {
    type: 'string',
    placeholder: '<0..1>',
    description: 'fee share of the TOTAL reward, fees/(subsidy+fees), a ratio (Hashrate Index convention)',
  },
  'fee-to-subsidy-ratio': {
    type: 'string',
    placeholder: '<ratio>',
    description: 'fees relative to the SUBSIDY, fees/subsidy, a ratio (ViaBTC "6.25 + 6.25x1.3%" is 0.013)',
  },
};

export const PRICE_FLAG: CliFlagSpecs = {
  'price-usd': { type: 'string', placeholder: '<USD>', description: 'BTC price in USD (> 0)' },
};

/** EconomicsInputError fields raised by the functions behind these flags → the flag the user typed. */
export const NETWORK_FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  feeShareOfReward: 'fee-share',
  feeToSubsidyRatio: 'fee-to-subsidy-ratio',
  btcPriceUsd: 'price-usd',
  subsidyBtc: 'subsidy-btc',
};

export function readDifficulty(flags: CliFlagValues): number {
  return numberFlag(flags, 'difficulty', { min: 0, exclusiveMin: true });
}

export function readPriceUsd(flags: CliFlagValues, required: boolean): number | undefined {
  const rule = { min: 0, exclusiveMin: true };
  return required ? numberFlag(flags, 'price-usd', rule) : optionalNumberFlag(flags, 'price-usd', rule);
}

export interface RewardFlags extends BlockReward {
  /** Present when the subsidy came from --height. */
  height?: number;
}

/** Subsidy from `--height` or `--subsidy-btc` (exactly one) and fees in at most one convention. */
export function readReward(flags: CliFlagValues): RewardFlags {
  const subsidySource = oneOfFlags(flags, ['height', 'subsidy-btc']);
  const height = subsidySource === 'height' ? numberFlag(flags, 'height', { min: 0, integer: true }) : undefined;
  const subsidyBtc = height !== undefined ? blockSubsidyBtc(height) : numberFlag(flags, 'subsidy-btc', { min: 0 });
  oneOfFlags(flags, ['fees-btc-per-block', 'fee-share', 'fee-to-subsidy-ratio'], false);
  const reward = blockReward(subsidyBtc, {
    feesBtcPerBlock: optionalNumberFlag(flags, 'fees-btc-per-block', { min: 0 }),
    feeShareOfReward: optionalNumberFlag(flags, 'fee-share', { min: 0, max: 1, exclusiveMax: true }),
    feeToSubsidyRatio: optionalNumberFlag(flags, 'fee-to-subsidy-ratio', { min: 0 }),
  });
  return height === undefined ? reward : { ...reward, height };
}

export interface NetworkState extends RewardFlags {
  difficulty: number;
  btcPerPhDay: number;
  priceUsd?: number;
  hashpriceUsdPerPhDay?: number;
}

/** Difficulty + reward (+ price when given or required): the hashprice a command works from. */
export function readNetworkState(flags: CliFlagValues, priceRequired = false): NetworkState {
  const difficulty = readDifficulty(flags);
  const reward = readReward(flags);
  const priceUsd = readPriceUsd(flags, priceRequired);
  const btcPerPhDay = hashpriceBtcPerPhDay(difficulty, reward.rewardBtcPerBlock);
  return {
    ...reward,
    difficulty,
    btcPerPhDay,
    priceUsd,
    hashpriceUsdPerPhDay: priceUsd === undefined ? undefined : hashpriceUsdPerPhDay(btcPerPhDay, priceUsd),
  };
}
