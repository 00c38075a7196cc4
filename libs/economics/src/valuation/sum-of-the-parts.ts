import { requireFinite, requireNonNegative, requirePositive } from '../shared/validate.util';

/*
 * Sum of the parts (SOTP): equity value = mining (DCF) + HPC (contracts) + BTC held at market
 * − net debt, where net debt = total debt + preferred − cash. Per share against the market price.
 */

export interface SumOfThePartsInput {
  readonly miningValueUsd: number;
  readonly hpcValueUsd: number;
  readonly btcHeld: number;
  readonly btcPriceUsd: number;
  readonly cashUsd: number;
  readonly totalDebtUsd: number;
  /** Default 0. */
  readonly preferredEquityUsd?: number;
  readonly sharesOutstanding: number;
  readonly sharePriceUsd?: number;
}

export interface SumOfTheParts {
  readonly miningValueUsd: number;
  readonly hpcValueUsd: number;
  readonly btcHoldingsUsd: number;
  readonly netDebtUsd: number;
  readonly equityValueUsd: number;
  readonly equityValuePerShareUsd: number;
  /** Per-share value ÷ share price − 1 (0.25 = the parts are worth 25 % more than the market price); null without a price. */
  readonly upsideToSharePriceRatio: number | null;
}

export function sumOfTheParts(input: SumOfThePartsInput): SumOfTheParts {
  const miningValueUsd = requireFinite('miningValueUsd', input.miningValueUsd);
  const hpcValueUsd = requireFinite('hpcValueUsd', input.hpcValueUsd);
  const btcHoldingsUsd = requireNonNegative('btcHeld', input.btcHeld) * requirePositive('btcPriceUsd', input.btcPriceUsd);
  const netDebtUsd = requireNonNegative('totalDebtUsd', input.totalDebtUsd) + requireNonNegative('preferredEquityUsd', input.preferredEquityUsd ?? 0) - requireNonNegative('cashUsd', input.cashUsd);
  const equityValueUsd = miningValueUsd + hpcValueUsd + btcHoldingsUsd - netDebtUsd;
  const equityValuePerShareUsd = equityValueUsd / requirePositive('sharesOutstanding', input.sharesOutstanding);
  return {
    miningValueUsd,
    hpcValueUsd,
    btcHoldingsUsd,
    netDebtUsd,
    equityValueUsd,
    equityValuePerShareUsd,
    upsideToSharePriceRatio: input.sharePriceUsd === undefined ? null : equityValuePerShareUsd / requirePositive('sharePriceUsd', input.sharePriceUsd) - 1,
  };
}
