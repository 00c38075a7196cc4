/** Decimal SI prefixes (never 1024) and the Bitcoin constants the formulas share. */
export const HASHES_PER_TH = 1e12;
export const HASHES_PER_PH = 1e15;
export const HASHES_PER_EH = 1e18;
export const TH_PER_PH = 1_000;
export const TH_PER_EH = 1_000_000;
export const PH_PER_EH = 1_000;
export const SATS_PER_BTC = 100_000_000;
export const SECONDS_PER_DAY = 86_400;
export const HOURS_PER_DAY = 24;
export const WATTS_PER_KW = 1_000;
/** Industry convention for expected hashes per block at difficulty 1 (docs/methodology.md §1.2). */
export const HASHES_PER_DIFFICULTY_UNIT = 2 ** 32;
/** The exact value, 2^256/(target_1 + 1) ≈ 2^48/65535; 1.526e-5 relative above the convention. */
export const HASHES_PER_DIFFICULTY_UNIT_EXACT = 2 ** 48 / 65_535;
export const TARGET_BLOCK_SPACING_SECONDS = 600;
/** 86,400 / 600: blocks per day at the target spacing. */
export const EXPECTED_BLOCKS_PER_DAY = SECONDS_PER_DAY / TARGET_BLOCK_SPACING_SECONDS;
export const HALVING_INTERVAL_BLOCKS = 210_000;
export const RETARGET_INTERVAL_BLOCKS = 2016;
export const RETARGET_TIMESPAN_SECONDS = 14 * 24 * 60 * 60;
/** Consensus clamps the measured timespan to [timespan/4, timespan·4], so difficulty moves at most ×4 or ÷4. */
export const RETARGET_MAX_FACTOR = 4;

export const satsToBtc = (sats: number): number => sats / SATS_PER_BTC;
/** Rounds to the nearest satoshi: amounts in sats are always integers. */
export const btcToSats = (btc: number): number => Math.round(btc * SATS_PER_BTC);

/** Hashrate Index quoted $/TH/s/day in 2021 and $/PH/s/day since ~2022: 1 $/TH/day = 1,000 $/PH/day. */
export const usdPerThDayToUsdPerPhDay = (usdPerThDay: number): number => usdPerThDay * TH_PER_PH;
export const usdPerPhDayToUsdPerThDay = (usdPerPhDay: number): number => usdPerPhDay / TH_PER_PH;
/** JPMorgan quotes $ per EH/s per day: $49,700/EH/day = $49.7/PH/day. */
export const usdPerEhDayToUsdPerPhDay = (usdPerEhDay: number): number => usdPerEhDay / PH_PER_EH;
export const usdPerPhDayToUsdPerEhDay = (usdPerPhDay: number): number => usdPerPhDay * PH_PER_EH;
/** 1 BTC/PH/day = 100,000 sats/TH/day (BTC hashprice quoting units). */
export const btcPerPhDayToSatsPerThDay = (btcPerPhDay: number): number => (btcPerPhDay * SATS_PER_BTC) / TH_PER_PH;
export const satsPerThDayToBtcPerPhDay = (satsPerThDay: number): number => (satsPerThDay * TH_PER_PH) / SATS_PER_BTC;

export const thsToEhs = (hashrateThs: number): number => hashrateThs / TH_PER_EH;
export const ehsToThs = (hashrateEhs: number): number => hashrateEhs * TH_PER_EH;
export const thsToPhs = (hashrateThs: number): number => hashrateThs / TH_PER_PH;
