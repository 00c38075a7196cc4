/**
 * Per-BTC opex fallbacks for profiles whose period opex is unknown: the figures the economics
 * benchmark uses for Riot, stated here so that runs on sparse profiles say what they assumed.
 */
export const ILLUSTRATIVE_OPEX_ASSUMPTIONS = Object.freeze({ otherDirectCostUsdPerBtc: 5_000, sgaExSbcUsdPerBtc: 8_000, interestUsdPerBtc: 1_000 });
