/**
 * What the adapters observe, as a discriminated union on `kind`. Every observation names its
 * provider (`source`), the entity it is about (`key`, also the natural partition key) and when it
 * was true according to the provider (`eventTime`). Values carry their unit in their name.
 * `learnedAt` is added by the caller that records the observation.
 */

/** Default provider ids (an adapter's `sourceId` setting may override one, e.g. a self-hosted mempool). */
export const SourceIds = {
  mempool: 'mempool',
  coinbase: 'coinbase',
  kraken: 'kraken',
  coingecko: 'coingecko',
  btcReference: 'btc-reference',
  stooq: 'stooq',
  alphaVantage: 'alphavantage',
  finnhub: 'finnhub',
  eia: 'eia',
  ercot: 'ercot',
  secEdgar: 'sec-edgar',
} as const;

interface ObservationBase<K extends string> {
  kind: K;
  /** Provider id, e.g. 'mempool', 'kraken', 'sec-edgar'. */
  source: string;
  /** Entity key, e.g. 'BTC', 'BTC-USD', 'MARA', 'ERCOT:HB_HUBAVG', 'TX:industrial'. */
  key: string;
  /** When the value was true, from the provider (never the poll time unless the provider gives none; see each kind). */
  eventTime: Date;
}

// ── Network (mempool.space-compatible API) ─────────────────────────────────────

/** What the hashprice needs: tip height, difficulty, mean fees per block. eventTime = tip block timestamp. */
export interface NetworkSnapshotObservation extends ObservationBase<'network-snapshot'> {
  key: 'BTC';
  height: number;
  difficulty: number;
  /** Mean total fees per block over the window, whole satoshis (rounded half up). */
  feesPerBlockSats: number;
  /** How many blocks the mean covers (144 from reward-stats; fewer when it fell back to the recent blocks). */
  feeWindowBlocks: number;
  feesFrom: 'reward-stats' | 'recent-blocks';
}

/** One block and its economics. key = `BTC:<height>`; eventTime = block header timestamp. */
export interface BlockObservation extends ObservationBase<'block'> {
  height: number;
  blockHash: string;
  difficulty: number;
  txCount: number;
  totalFeesSats: number;
  /** Subsidy + fees, satoshis. */
  rewardSats: number;
}

/** The current epoch's projection. eventTime = tip block timestamp (the provider computes it as of the tip). */
export interface DifficultyAdjustmentObservation extends ObservationBase<'difficulty-adjustment'> {
  key: 'BTC';
  tipHeight: number;
  /** Share of the epoch elapsed, percent 0–100. */
  progressPercent: number;
  /** Projected change at the next retarget, percent (−75…+300). */
  difficultyChangePct: number;
  estimatedRetargetAt: Date;
  remainingBlocks: number;
  nextRetargetHeight: number;
  /** Change at the last retarget, percent. */
  previousRetargetPct: number;
  previousRetargetAt: Date;
  averageBlockIntervalSeconds: number;
}

/** Daily average network hashrate. eventTime = the day's timestamp from the provider. */
export interface NetworkHashrateObservation extends ObservationBase<'network-hashrate'> {
  key: 'BTC';
  hashrateEhs: number;
}

/** Difficulty set at a retarget. eventTime = the retarget block's timestamp. */
export interface NetworkDifficultyObservation extends ObservationBase<'network-difficulty'> {
  key: 'BTC';
  height: number;
  difficulty: number;
  /** Change against the previous epoch, percent (the provider sends a ratio: 1.0698 → 6.98). Null when not given. */
  adjustmentPct: number | null;
}

// ── BTC price ──────────────────────────────────────────────────────────────────

/** One venue's BTC-USD quote. */
export interface BtcPriceObservation extends ObservationBase<'btc-price'> {
  key: 'BTC-USD';
  priceUsd: number;
}

/** The median of the venues that answered with a fresh, consistent quote. eventTime = newest component quote. */
export interface BtcReferencePriceObservation extends ObservationBase<'btc-reference-price'> {
  key: 'BTC-USD';
  priceUsd: number;
  method: 'median';
  /** Sources the median was taken over. */
  componentSources: string[];
  componentPricesUsd: Readonly<Record<string, number>>;
  /** Sources left out, and why (down, stale, outlier). */
  excludedSources: ExcludedSource[];
}

export interface ExcludedSource {
  source: string;
  reason: 'unavailable' | 'stale' | 'outlier' | 'future-dated';
  detail: string;
}

// ── Miner equities ─────────────────────────────────────────────────────────────

/** Latest (intraday or last close) quote. eventTime = provider quote time; see each adapter. */
export interface EquityQuoteObservation extends ObservationBase<'equity-quote'> {
  /** Ticker, e.g. 'MARA'. */
  key: string;
  priceUsd: number;
  previousCloseUsd: number | null;
  /** Change on the previous close, percent. */
  changePct: number | null;
  /** The provider's trading day (YYYY-MM-DD), when it gives one. */
  tradingDay: string | null;
}

/** One daily bar. eventTime = that session's close, 16:00 America/New_York, in UTC. */
export interface EquityDailyBarObservation extends ObservationBase<'equity-daily-bar'> {
  key: string;
  tradingDay: string;
  openUsd: number;
  highUsd: number;
  lowUsd: number;
  closeUsd: number;
  volumeShares: number | null;
}

// ── Power ──────────────────────────────────────────────────────────────────────

/** EIA average retail price for a state and sector, one month. eventTime = first instant of the month, UTC. */
export interface RetailPowerPriceObservation extends ObservationBase<'power-retail-price'> {
  /** `<state>:<sector>`, e.g. 'TX:industrial'. */
  key: string;
  stateId: string;
  sector: string;
  /** YYYY-MM */
  period: string;
  powerUsdPerKwh: number;
}

/** ERCOT settlement point price for one interval. eventTime = interval start, UTC (converted from Central Prevailing Time). */
export interface WholesalePowerPriceObservation extends ObservationBase<'power-wholesale-price'> {
  /** `ERCOT:<settlement point>`, e.g. 'ERCOT:HB_HUBAVG'. */
  key: string;
  market: 'DAM' | 'RTM';
  settlementPoint: string;
  intervalMinutes: 15 | 60;
  intervalEndsAt: Date;
  powerUsdPerMwh: number;
  /** The operating day as ERCOT labels it (YYYY-MM-DD, Central Prevailing Time). */
  deliveryDate: string;
  /** True for the second (standard-time) pass of the repeated hour on the fall-back day. */
  repeatedHour: boolean;
}

// ── Company fundamentals (SEC EDGAR XBRL companyfacts) ─────────────────────────

/**
 * How `knownAt` was found: the filing's acceptance time from the EDGAR submissions index, or, when
 * the filing is not in the index's recent list, 00:00 UTC of its filing date.
 */
export type KnownAtBasis = 'acceptance-time' | 'filed-date';

/**
 * Provenance of one XBRL fact. Point-in-time joins key on `knownAt` (when the filing became public)
 * and `accn` (which filing); the same `end` can be reported again by a later filing (a restatement or
 * the prior-period column of the next 10-Q), so dedupe on accn as well as eventTime.
 */
export interface XbrlFactProvenance {
  /** Ticker, e.g. 'MARA'. */
  key: string;
  cik: string;
  /** `<taxonomy>:<tag>`, e.g. 'us-gaap:CashAndCashEquivalentsAtCarryingValue'. */
  concept: string;
  /** Balance-sheet date, or last day of a period, YYYY-MM-DD (eventTime is its 00:00 UTC). */
  end: string;
  /** Filing date, YYYY-MM-DD. */
  filed: string;
  /** Accession number of the filing, e.g. '0001507605-24-000123'. */
  accn: string;
  form: string;
  fy: number | null;
  fp: string | null;
  /** When the filing became public: its acceptance time, or its filing date (see knownAtBasis). */
  knownAt: Date;
  knownAtBasis: KnownAtBasis;
}

/** A fact over a period (a quarter: only 3-month facts are kept). */
export interface XbrlPeriodFactProvenance extends XbrlFactProvenance {
  /** First day of the period, YYYY-MM-DD. */
  start: string;
}

// Instants (balance sheet, cover page).

export interface CompanyCashObservation extends ObservationBase<'company-cash'>, XbrlFactProvenance {
  cashUsd: number;
}

export interface CompanyRestrictedCashObservation extends ObservationBase<'company-restricted-cash'>, XbrlFactProvenance {
  restrictedCashUsd: number;
}

export interface CompanyDebtObservation extends ObservationBase<'company-debt'>, XbrlFactProvenance {
  debtUsd: number;
}

export interface CompanyConvertibleNotesObservation extends ObservationBase<'company-convertible-notes'>, XbrlFactProvenance {
  convertibleNotesUsd: number;
}

export interface CompanySharesOutstandingObservation extends ObservationBase<'company-shares-outstanding'>, XbrlFactProvenance {
  sharesOutstanding: number;
}

/** Crypto assets at fair value (ASU 2023-08 tags); for a bitcoin miner, essentially its BTC. */
export interface CompanyDigitalAssetsObservation extends ObservationBase<'company-digital-assets'>, XbrlFactProvenance {
  digitalAssetsUsd: number;
}

// Quarters (income and cash-flow statements), start … end.

export interface CompanyRevenueObservation extends ObservationBase<'company-revenue'>, XbrlPeriodFactProvenance {
  revenueUsdInPeriod: number;
}

export interface CompanyCostOfRevenueObservation extends ObservationBase<'company-cost-of-revenue'>, XbrlPeriodFactProvenance {
  costOfRevenueUsdInPeriod: number;
}

export interface CompanyDepreciationObservation extends ObservationBase<'company-depreciation'>, XbrlPeriodFactProvenance {
  depreciationUsdInPeriod: number;
}

export interface CompanyShareBasedCompensationObservation extends ObservationBase<'company-sbc'>, XbrlPeriodFactProvenance {
  sbcUsdInPeriod: number;
}

export interface CompanySgaObservation extends ObservationBase<'company-sga'>, XbrlPeriodFactProvenance {
  sgaUsdInPeriod: number;
}

export interface CompanyInterestExpenseObservation extends ObservationBase<'company-interest-expense'>, XbrlPeriodFactProvenance {
  interestExpenseUsdInPeriod: number;
}

/** Payments for property, plant and equipment (mining machines, sites). */
export interface CompanyCapexObservation extends ObservationBase<'company-capex'>, XbrlPeriodFactProvenance {
  capexUsdInPeriod: number;
}

/** Attributable to the company; a loss is negative. */
export interface CompanyNetIncomeObservation extends ObservationBase<'company-net-income'>, XbrlPeriodFactProvenance {
  netIncomeUsdInPeriod: number;
}

export type CompanyFactObservation =
  | CompanyCashObservation
  | CompanyRestrictedCashObservation
  | CompanyDebtObservation
  | CompanyConvertibleNotesObservation
  | CompanySharesOutstandingObservation
  | CompanyDigitalAssetsObservation
  | CompanyRevenueObservation
  | CompanyCostOfRevenueObservation
  | CompanyDepreciationObservation
  | CompanyShareBasedCompensationObservation
  | CompanySgaObservation
  | CompanyInterestExpenseObservation
  | CompanyCapexObservation
  | CompanyNetIncomeObservation;

export type Observation =
  | NetworkSnapshotObservation
  | BlockObservation
  | DifficultyAdjustmentObservation
  | NetworkHashrateObservation
  | NetworkDifficultyObservation
  | BtcPriceObservation
  | BtcReferencePriceObservation
  | EquityQuoteObservation
  | EquityDailyBarObservation
  | RetailPowerPriceObservation
  | WholesalePowerPriceObservation
  | CompanyFactObservation;

export type ObservationKind = Observation['kind'];

/** The observation type for one kind, e.g. `ObservationOf<'btc-price'>`. */
export type ObservationOf<K extends ObservationKind> = Extract<Observation, { kind: K }>;
