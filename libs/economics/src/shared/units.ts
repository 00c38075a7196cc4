/** Decimal SI prefixes (never 1024) and the Bitcoin constants the formulas share. */
export const HASHES_PER_TH = 1e12;
export const HASHES_PER_PH = 1e15;
export const HASHES_PER_EH = 1e18;
export const SATS_PER_BTC = 100_000_000;
export const SECONDS_PER_DAY = 86_400;
/** Industry convention for expected hashes per block at difficulty 1 (DOMAIN.md 1.2). */
export const HASHES_PER_DIFFICULTY_UNIT = 2 ** 32;
export const TARGET_BLOCK_SPACING_SECONDS = 600;
export const HALVING_INTERVAL_BLOCKS = 210_000;
export const RETARGET_INTERVAL_BLOCKS = 2016;
export const RETARGET_TIMESPAN_SECONDS = 14 * 24 * 60 * 60;

export const satsToBtc = (sats: number): number => sats / SATS_PER_BTC;
/** Rounds to the nearest satoshi: amounts in sats are always integers. */
export const btcToSats = (btc: number): number => Math.round(btc * SATS_PER_BTC);
