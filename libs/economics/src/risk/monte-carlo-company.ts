import { derive, input, known, meaningfulIf, type Known } from '../shared/known-value.util';
import { requireNonNegative } from '../shared/validate.util';
import { daysInclusive } from '../shared/calendar.util';
import { HOURS_PER_DAY } from '../shared/units';
import type { CompanyProfile } from '../companies/company-profile';
import { resolveCompanyAssumptions, type CompanyAssumptions } from '../companies/company-assumptions';
import { hostingProfitUsdPerDay, hpcNoiUsdPerDay } from '../companies/company-metrics';
import { resolveMarket } from '../companies/market-inputs';
import { creditsApply, hashrateAtWork, periodCost, powerPrice } from '../companies/mining-core';
import { companyValuation } from '../valuation/company-valuation';
import type { ValuationAssumptions } from '../valuation/valuation-assumptions';

/*
 * A company reduced to the constants the Monte Carlo needs per simulated month, plus a table of its
 * mining DCF value at the end of the horizon over a grid of (BTC price, difficulty): all plain data,
 * so a worker thread receives it by structured clone.
 *
 * Per month of `n` days along a path (H = hashrate at work, b = Σ_days BTC per EH/s, pb = Σ_days price × b):
 *   BTC mined       = H·(1 − pool fee)·b,          revenue = H·(1 − pool fee)·pb
 *   cash cost       = power·n + fixed·n + variable·BTC      (power net of credits; fixed = other direct
 *                     + share·SG&A ex-SBC; the CoinShares "cash cost", docs/methodology.md §4.1)
 *   cash margin < 0 ⇔ revenue < cash cost
 *   mining cash     = revenue − cash cost, or −fixed·n when the fleet idles (revenue < power + variable,
 *                     with shutdownWhenUnprofitable, as in the mining DCF)
 *   company cash    = mining cash + (hosting + operating HPC NOI)·n − ((1 − share)·SG&A + interest)
 *   runway          = max(0, cash + Σ company cash + BTC held × price) ÷ monthly burn, when burning.
 * Fair value per share at the horizon T (sum of the parts, as companyValuation):
 *   (mining DCF(P_T, D_T, height_T) + HPC value + BTC held × P_T + cash + Σ mining cash − debt − preferred) ÷ shares
 * with the mining DCF read from the grid (bilinear in P and 1/D: exact where value is a·P/D + b·P + c/D + d,
 * i.e. away from shutdown and tax kinks), the HPC value held at today's, and HPC NOI left out of the
 * carried cash so it is not counted twice. Realised mining cash is carried pre-tax.
 */

export interface MonteCarloCompanyOptions {
  readonly company?: Partial<CompanyAssumptions>;
  readonly valuation?: Partial<ValuationAssumptions>;
}

/** Where the fair value is tabulated: log-spaced BTC prices and difficulties, at one block height. */
export interface ValuationGridLayout {
  readonly priceNodesUsd: Float64Array;
  readonly difficultyNodes: Float64Array;
  readonly height: number;
}

export interface MonteCarloCompanyModel {
  readonly ticker: string;
  readonly name: string;
  readonly hashrateEhs: number;
  readonly poolFee: number;
  readonly powerCostUsdPerDay: number;
  readonly miningFixedCostUsdPerDay: number;
  readonly miningVariableCostUsdPerBtc: number;
  readonly corporateCostUsdPerDay: number;
  readonly corporateCostUsdPerBtc: number;
  readonly otherIncomeUsdPerDay: number;
  readonly shutdownWhenUnprofitable: boolean;
  readonly cashUsd: number;
  readonly btcHeld: number;
  readonly liquidityIncludesBtc: boolean;
  readonly debtAndPreferredUsd: number;
  readonly sharesOutstanding: number;
  readonly hpcValueUsd: number;
  /** Today's fair value per share (companyValuation), the reference for VaR. */
  readonly baseFairValuePerShareUsd: number;
  /** Mining DCF value (USD) at the layout's nodes, price-major: [i·difficulties + j]. */
  readonly miningValueGridUsd: Float64Array;
}

export type MonteCarloCompanyPreparation =
  | { readonly ok: true; readonly model: MonteCarloCompanyModel }
  | { readonly ok: false; readonly ticker: string; readonly missingInputs: readonly string[]; readonly reason?: string };

export interface MonteCarloStartMarket {
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  readonly height: number;
  readonly feesBtcPerBlock: number;
  /** The caller's power price for every company simulated (a profile without one can then be simulated). */
  readonly powerUsdPerKwh?: number;
}

/*
 * Each company's cash costs come from its own profile: the period's other direct cost, SG&A excluding
 * stock-based compensation and interest (the version of the profile the caller holds), as amounts per
 * day over the period's days. Where a figure is missing, a per-BTC figure stands in, and says which:
 * the caller's assumption for that figure if it gave one, else the run's named fallback (e.g. the
 * illustrative Riot figures). Nothing is borrowed silently: every stand-in is listed per company and
 * per figure (docs/methodology.md §6.5).
 */

/** The three period cost figures the Monte Carlo's cash cost uses, and the per-BTC assumption that stands in for each. */
export const MONTE_CARLO_OPEX_FIGURES = Object.freeze([
  { field: 'opex.otherDirectCostUsdInPeriod', assumption: 'otherDirectCostUsdPerBtc' },
  { field: 'opex.sgaExSbcUsdInPeriod', assumption: 'sgaExSbcUsdPerBtc' },
  { field: 'opex.interestExpenseUsdInPeriod', assumption: 'interestUsdPerBtc' },
] as const);

export type MonteCarloOpexAssumption = (typeof MONTE_CARLO_OPEX_FIGURES)[number]['assumption'];
export type MonteCarloOpexField = (typeof MONTE_CARLO_OPEX_FIGURES)[number]['field'];

/** A named stand-in for a missing period cost: USD per BTC mined and what the number is. */
export interface NamedOpexFallback {
  readonly usdPerBtc: number;
  /** What the figure is, e.g. 'illustrative Riot per-BTC figure'; the amount is appended when shown. */
  readonly name: string;
}

export type MonteCarloOpexFallbacks = { readonly [K in MonteCarloOpexAssumption]?: NamedOpexFallback };

/** Where one of a company's cost figures came from in a run. */
export type MonteCarloOpexSource =
  | {
      readonly field: MonteCarloOpexField;
      readonly basis: 'profile';
      readonly usdInPeriod: number;
      /** usdInPeriod ÷ the period's days (inclusive). */
      readonly usdPerDay: number;
      readonly periodLabel: string;
      readonly periodDays: number;
      readonly asOf: string | null;
      readonly source: string | null;
    }
  | {
      readonly field: MonteCarloOpexField;
      /** 'assumption': the caller gave this per-BTC figure; 'fallback': the run's named fallback. */
      readonly basis: 'assumption' | 'fallback';
      readonly usdPerBtc: number;
      /** Human-readable: what stands in for the missing figure, with its amount. */
      readonly fallback: string;
    }
  | { readonly field: MonteCarloOpexField; readonly basis: 'missing'; readonly fallback: null };

export interface MonteCarloOpexResolution {
  /** Per-BTC assumptions for the figures the profile lacks (profile figures always win; docs/methodology.md §4.1). */
  readonly company: { readonly [K in MonteCarloOpexAssumption]?: number };
  /** One entry per figure of MONTE_CARLO_OPEX_FIGURES, in that order. */
  readonly figures: readonly MonteCarloOpexSource[];
  /** The figures that were not the company's own, each with what stood in (or null when nothing did). */
  readonly fallbacks: ReadonlyArray<{ readonly field: MonteCarloOpexField; readonly fallback: string | null; readonly usdPerBtc: number | null }>;
}

const usdPerBtcText = (usdPerBtc: number): string => `${usdPerBtc.toLocaleString('en-US', { maximumFractionDigits: 2 })} USD/BTC`;

/**
 * A company's cash-cost figures for the Monte Carlo: the profile's period amounts, else the caller's
 * per-BTC assumption (`given`), else the named fallback; a figure with none of them is 'missing' (the
 * company then cannot be simulated and says so).
 */
export function resolveMonteCarloOpex(
  profile: CompanyProfile,
  given: { readonly [K in MonteCarloOpexAssumption]?: number } = {},
  fallbacks: MonteCarloOpexFallbacks = {},
): MonteCarloOpexResolution {
  const periodDays = daysInclusive(profile.period.startDate, profile.period.endDate);
  const company: { [K in MonteCarloOpexAssumption]?: number } = {};
  const figures: MonteCarloOpexSource[] = [];
  const used: Array<{ field: MonteCarloOpexField; fallback: string | null; usdPerBtc: number | null }> = [];
  for (const { field, assumption } of MONTE_CARLO_OPEX_FIGURES) {
    const figure = profile.opex[field.slice('opex.'.length) as 'otherDirectCostUsdInPeriod' | 'sgaExSbcUsdInPeriod' | 'interestExpenseUsdInPeriod'];
    if (figure.value !== null) {
      figures.push({ field, basis: 'profile', usdInPeriod: figure.value, usdPerDay: figure.value / periodDays, periodLabel: profile.period.label, periodDays, asOf: figure.asOf, source: figure.source });
      continue;
    }
    const fromCaller = given[assumption];
    if (fromCaller !== undefined) {
      requireNonNegative(`assumptions.${assumption}`, fromCaller);
      const fallback = `assumption ${assumption} given with the request: ${usdPerBtcText(fromCaller)}`;
      company[assumption] = fromCaller;
      figures.push({ field, basis: 'assumption', usdPerBtc: fromCaller, fallback });
      used.push({ field, fallback, usdPerBtc: fromCaller });
      continue;
    }
    const named = fallbacks[assumption];
    if (named !== undefined) {
      requireNonNegative(`fallbacks.${assumption}.usdPerBtc`, named.usdPerBtc);
      const fallback = `${named.name} ${usdPerBtcText(named.usdPerBtc)}`;
      company[assumption] = named.usdPerBtc;
      figures.push({ field, basis: 'fallback', usdPerBtc: named.usdPerBtc, fallback });
      used.push({ field, fallback, usdPerBtc: named.usdPerBtc });
      continue;
    }
    figures.push({ field, basis: 'missing', fallback: null });
    used.push({ field, fallback: null, usdPerBtc: null });
  }
  return { company, figures, fallbacks: used };
}

export function prepareMonteCarloCompany(
  profile: CompanyProfile,
  market: MonteCarloStartMarket,
  layout: ValuationGridLayout,
  options: MonteCarloCompanyOptions = {},
): MonteCarloCompanyPreparation {
  const assumptions = resolveCompanyAssumptions(options.company);
  const m = resolveMarket(market);
  const periodDays = daysInclusive(profile.period.startDate, profile.period.endDate);
  const { opex, power, balanceSheet } = profile;
  const share = assumptions.miningShareOfOverhead;

  const hashrate = meaningfulIf(hashrateAtWork(profile, assumptions.uptime).hashrateAtWorkEhs, (ehs) => ehs > 0, 'no hashrate at work');
  const efficiency = input('fleet.efficiencyJth', profile.fleet.efficiencyJth.value);
  const price = powerPrice(profile, m.powerUsdPerKwhOverride, m.powerPriceFactor);
  const direct = periodCost(periodDays, 'opex.otherDirectCostUsdInPeriod', opex.otherDirectCostUsdInPeriod.value, 'otherDirectCostUsdPerBtc', assumptions.otherDirectCostUsdPerBtc);
  const sga = periodCost(periodDays, 'opex.sgaExSbcUsdInPeriod', opex.sgaExSbcUsdInPeriod.value, 'sgaExSbcUsdPerBtc', assumptions.sgaExSbcUsdPerBtc);
  const interest = periodCost(periodDays, 'opex.interestExpenseUsdInPeriod', opex.interestExpenseUsdInPeriod.value, 'interestUsdPerBtc', assumptions.interestUsdPerBtc);
  const hosting = hostingProfitUsdPerDay(profile, periodDays);
  const hpcNoi = hpcNoiUsdPerDay(profile.hpcContracts, assumptions.hpcNoiMarginRatio).noiUsdPerDay;
  const shares = meaningfulIf(input('balanceSheet.sharesOutstanding', balanceSheet.sharesOutstanding.value), (n) => n > 0, 'no shares outstanding');
  const preferred = balanceSheet.preferredEquityUsd === undefined ? known(0) : input('balanceSheet.preferredEquityUsd', balanceSheet.preferredEquityUsd.value);
  const base = companyValuation(profile, market, options);
  const needed: Known[] = [
    hashrate,
    efficiency,
    price.usdPerKwh,
    direct.status,
    sga.status,
    interest.status,
    hosting,
    hpcNoi,
    shares,
    input('balanceSheet.cashUsd', balanceSheet.cashUsd.value),
    input('balanceSheet.btcHeld', balanceSheet.btcHeld.value),
    input('balanceSheet.totalDebtUsd', balanceSheet.totalDebtUsd.value),
    preferred,
    input('hpcValueUsd', base.hpcValueUsd),
  ];
  const all = derive(needed, () => 0);
  if (all.value === null || base.equityValuePerShareUsd === null) {
    const missingInputs = [...(all.missingInputs ?? [])];
    for (const name of base.missingInputs.equityValuePerShareUsd ?? []) if (!missingInputs.includes(name)) missingInputs.push(name);
    const reason = all.reason ?? base.notMeaningful.equityValuePerShareUsd;
    return reason === undefined ? { ok: false, ticker: profile.ticker, missingInputs } : { ok: false, ticker: profile.ticker, missingInputs, reason };
  }

  const credits = power.creditsUsdInPeriod.value;
  const creditsPerDay = credits !== null && creditsApply(profile, price.source) ? credits / periodDays : 0;
  const grossPowerPerDay = (hashrate.value as number) * (efficiency.value as number) * 1_000 * HOURS_PER_DAY * (price.usdPerKwh.value as number);

  const powerOverride = market.powerUsdPerKwh === undefined ? {} : { powerUsdPerKwh: market.powerUsdPerKwh };
  const priceNodes = layout.priceNodesUsd;
  const difficultyNodes = layout.difficultyNodes;
  const grid = new Float64Array(priceNodes.length * difficultyNodes.length);
  for (let i = 0; i < priceNodes.length; i += 1) {
    for (let j = 0; j < difficultyNodes.length; j += 1) {
      const value = companyValuation(profile, { btcPriceUsd: priceNodes[i], difficulty: difficultyNodes[j], height: layout.height, feesBtcPerBlock: m.feesBtcPerBlock, ...powerOverride }, options).miningValueUsd;
      grid[i * difficultyNodes.length + j] = value as number;
    }
  }

  return {
    ok: true,
    model: {
      ticker: profile.ticker,
      name: profile.name,
      hashrateEhs: hashrate.value as number,
      poolFee: assumptions.poolFee,
      powerCostUsdPerDay: Math.max(0, grossPowerPerDay - creditsPerDay),
      miningFixedCostUsdPerDay: direct.perDay + share * sga.perDay,
      miningVariableCostUsdPerBtc: direct.perBtc + share * sga.perBtc,
      corporateCostUsdPerDay: (1 - share) * sga.perDay + interest.perDay,
      corporateCostUsdPerBtc: (1 - share) * sga.perBtc + interest.perBtc,
      otherIncomeUsdPerDay: (hosting.value as number) + (hpcNoi.value as number),
      shutdownWhenUnprofitable: base.assumptions.valuation.shutdownWhenUnprofitable,
      cashUsd: balanceSheet.cashUsd.value as number,
      btcHeld: balanceSheet.btcHeld.value as number,
      liquidityIncludesBtc: assumptions.liquidityIncludesBtc,
      debtAndPreferredUsd: (balanceSheet.totalDebtUsd.value as number) + (preferred.value as number),
      sharesOutstanding: shares.value as number,
      hpcValueUsd: base.hpcValueUsd as number,
      baseFairValuePerShareUsd: base.equityValuePerShareUsd,
      miningValueGridUsd: grid,
    },
  };
}

/**
 * Bilinear interpolation of a company's mining value grid at (price, difficulty), weights linear in
 * P and in 1/D inside the log-spaced cell; outside the grid the edge value holds. Returns the value;
 * `cell` is reused by the caller (see locateGridCell) so the cell search runs once per path.
 */
export function interpolateMiningValue(grid: Float64Array, difficulties: number, cell: GridCell): number {
  const k = cell.priceIndex * difficulties + cell.difficultyIndex;
  const v00 = grid[k];
  const v01 = grid[k + 1];
  const v10 = grid[k + difficulties];
  const v11 = grid[k + difficulties + 1];
  const wp = cell.priceWeight;
  const wd = cell.difficultyWeight;
  return (1 - wp) * ((1 - wd) * v00 + wd * v01) + wp * ((1 - wd) * v10 + wd * v11);
}

export interface GridCell {
  priceIndex: number;
  difficultyIndex: number;
  priceWeight: number;
  difficultyWeight: number;
  /** True when the point lay outside the grid and was moved to its edge. */
  clamped: boolean;
}

/** Finds the cell of (price, difficulty) in a log-spaced layout, writing into `cell`. */
export function locateGridCell(layout: ValuationGridLayout, priceUsd: number, difficulty: number, cell: GridCell): void {
  const p = layout.priceNodesUsd;
  const d = layout.difficultyNodes;
  let clamped = false;
  let i = Math.floor((Math.log(priceUsd / p[0]) / Math.log(p[p.length - 1] / p[0])) * (p.length - 1));
  if (i < 0 || i > p.length - 2) {
    clamped = clamped || priceUsd < p[0] || priceUsd > p[p.length - 1];
    i = Math.min(p.length - 2, Math.max(0, i));
  }
  let j = Math.floor((Math.log(difficulty / d[0]) / Math.log(d[d.length - 1] / d[0])) * (d.length - 1));
  if (j < 0 || j > d.length - 2) {
    clamped = clamped || difficulty < d[0] || difficulty > d[d.length - 1];
    j = Math.min(d.length - 2, Math.max(0, j));
  }
  const wp = (priceUsd - p[i]) / (p[i + 1] - p[i]);
  const wd = (1 / difficulty - 1 / d[j]) / (1 / d[j + 1] - 1 / d[j]);
  cell.priceIndex = i;
  cell.difficultyIndex = j;
  cell.priceWeight = wp < 0 ? 0 : wp > 1 ? 1 : wp;
  cell.difficultyWeight = wd < 0 ? 0 : wd > 1 ? 1 : wd;
  cell.clamped = clamped;
}
