import { requireFraction, requireNonNegative } from '../shared/validate.util';
import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';

/**
 * What the company metrics assume where a profile is silent. Each is a named, overridable
 * parameter, echoed in every result. Profile figures always win over the per-BTC fallbacks; a
 * fallback with no default leaves the metric null (with its missing inputs) rather than invent a cost.
 */
export interface CompanyAssumptions {
  /**
   * Share of installed hashrate that runs, 0–1. Used only when the profile has no operating
   * hashrate. Default 1 (the Hashrate Index convention, docs/methodology.md §3.2); Riot's September 2025
   * average operating ÷ deployed was 32.2 / 36.5 = 0.88.
   */
  readonly uptime: number;
  /** Pool fee, 0–1, deducted from mined BTC. Default 0 (published hashprice includes none, docs/methodology.md §2.1). */
  readonly poolFee: number;
  /** Fallbacks for unknown period opex, USD per BTC mined. No default. */
  readonly otherDirectCostUsdPerBtc?: number;
  readonly sgaExSbcUsdPerBtc?: number;
  readonly interestUsdPerBtc?: number;
  readonly depreciationUsdPerBtc?: number;
  readonly sbcUsdPerBtc?: number;
  /**
   * Share of corporate overhead (SG&A, interest, depreciation, SBC) charged to mining in the
   * cash, all-in and total cost per BTC: TheMinerMag's "fair-share allocation for diversified
   * companies". Default 1 (all to mining). Company-level EBITDA always takes all of it.
   */
  readonly miningShareOfOverhead: number;
  /** HPC site NOI ÷ revenue where a contract states none. Default 0.85: TeraWulf's 85 % (docs/methodology.md §4.4). */
  readonly hpcNoiMarginRatio: number;
  /** Count BTC held (at market) as liquidity for the runway. Default true. */
  readonly liquidityIncludesBtc: boolean;
}

export const DEFAULT_COMPANY_ASSUMPTIONS: CompanyAssumptions = Object.freeze({
  uptime: 1,
  poolFee: 0,
  miningShareOfOverhead: 1,
  hpcNoiMarginRatio: 0.85,
  liquidityIncludesBtc: true,
});

const OPTIONAL_PER_BTC = ['otherDirectCostUsdPerBtc', 'sgaExSbcUsdPerBtc', 'interestUsdPerBtc', 'depreciationUsdPerBtc', 'sbcUsdPerBtc'] as const;

/** Defaults filled in and every value checked; the result is what metrics echo. */
export function resolveCompanyAssumptions(overrides: Partial<CompanyAssumptions> = {}): CompanyAssumptions {
  const merged = { ...DEFAULT_COMPANY_ASSUMPTIONS, ...dropUndefined(overrides) };
  requireFraction('uptime', merged.uptime);
  requireFraction('poolFee', merged.poolFee, true);
  requireFraction('miningShareOfOverhead', merged.miningShareOfOverhead);
  requireFraction('hpcNoiMarginRatio', merged.hpcNoiMarginRatio);
  if (typeof merged.liquidityIncludesBtc !== 'boolean') {
    throw new EconomicsInputError('liquidityIncludesBtc', Code.OUT_OF_RANGE, 'must be true or false');
  }
  for (const name of OPTIONAL_PER_BTC) {
    const value = merged[name];
    if (value !== undefined) requireNonNegative(name, value);
  }
  return Object.freeze(merged);
}

/** `{ a: undefined }` must not override a default. */
export function dropUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
