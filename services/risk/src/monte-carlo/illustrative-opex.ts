import type { MonteCarloOpexFallbacks } from '@hashdesk/economics';

/**
 * Per-BTC opex stand-ins for profiles whose period opex is unknown: round illustrative figures for Riot
 * (the economics benchmark's), not a measurement of any other company. The Monte Carlo uses a company's
 * own period figures first, then the caller's per-BTC assumptions, and only then these, naming each one
 * it used, per company and per figure (`fallbacks` in the response).
 */
export const ILLUSTRATIVE_OPEX_ASSUMPTIONS = Object.freeze({ otherDirectCostUsdPerBtc: 5_000, sgaExSbcUsdPerBtc: 8_000, interestUsdPerBtc: 1_000 });

const NAME = 'illustrative Riot per-BTC figure';

/** The same figures, each with the name a run reports when it stands in for a missing period cost. */
export const ILLUSTRATIVE_OPEX_FALLBACKS: MonteCarloOpexFallbacks = Object.freeze({
  otherDirectCostUsdPerBtc: { usdPerBtc: ILLUSTRATIVE_OPEX_ASSUMPTIONS.otherDirectCostUsdPerBtc, name: NAME },
  sgaExSbcUsdPerBtc: { usdPerBtc: ILLUSTRATIVE_OPEX_ASSUMPTIONS.sgaExSbcUsdPerBtc, name: NAME },
  interestUsdPerBtc: { usdPerBtc: ILLUSTRATIVE_OPEX_ASSUMPTIONS.interestUsdPerBtc, name: NAME },
});
