import { requirePositive } from '../shared/validate.util';
import type { CompanyProfile } from '../companies/company-profile';
import type { CompanyMetrics } from '../companies/company-metrics';
import type { StandingScenarioResult } from './standing-scenarios';

/*
 * Balance-sheet risk of a miner and one documented score.
 *
 *   net debt                 = total debt + preferred − cash                           (BTC not netted)
 *   net debt / EBITDA        = net debt ÷ EBITDA run-rate;  not meaningful when EBITDA ≤ 0
 *   convertible dilution     = C ÷ (S + C),  C = convertible notes ÷ conversion price (default: today's
 *                              share price, an if-converted bound at market), S = shares outstanding
 *   fixed-price power share  = MW under 'fixed-price' or 'ppa' contracts ÷ power capacity MW
 *                              (profile powerCapacityMw, else the MW of all listed contracts)
 *   fixed-price term         = MW-weighted mean termYears of those contracts
 *
 * RISK SCORE, 0 (safest) … 100 (riskiest) = 100 × Σ wᵢ·cᵢ ÷ Σ wᵢ over the components that are known
 * (unknown ones are listed and left out of both sums; with none known the score is null):
 *   component            weight  cᵢ ∈ [0, 1]
 *   leverage              0.25   clamp(net debt / EBITDA ÷ 6); net cash → 0; EBITDA ≤ 0 with net debt > 0 → 1
 *   runway                0.25   no cash burn → 0; else clamp(1 − runway months ÷ 24)
 *   scenario fragility    0.20   share of the standing scenarios whose all-in margin is negative
 *   power-price exposure  0.15   1 − fixed-price share × min(1, term years ÷ 5)
 *   dilution              0.15   clamp(convertible dilution ÷ 0.25)
 *   policy                0.15   clamp(Σ −impactᵢ/3 · ½^(ageᵢ/365 d)) over the policy and permit events
 *                                bearing on the company (naming it, or naming no company in a
 *                                jurisdiction where the register names it), in force by the as-of
 *                                (impact −3 … +3: adverse ones add, favourable ones offset); unknown
 *                                unless a register is given
 * Six turns of leverage, no runway, a loss in every stress, fully floating power, a quarter of the
 * equity in convertibles and a severe adverse decision this year (a permit denied) each score 1; the
 * policy weight of an event halves every year.
 */

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export const RISK_SCORE_WEIGHTS = Object.freeze({ leverage: 0.25, runway: 0.25, scenarioFragility: 0.2, powerPriceExposure: 0.15, dilution: 0.15, policy: 0.15 });
export type RiskScoreComponent = keyof typeof RISK_SCORE_WEIGHTS;

export const RISK_SCORE_SCALES = Object.freeze({ netDebtToEbitdaAtMax: 6, runwayMonthsAtZero: 24, fixedPriceTermYearsAtFull: 5, dilutionAtMax: 0.25, policyImpactAtMax: 3, policyHalfLifeDays: 365 });

/** One entry of the policy and permit register, as the score reads it. */
export interface PolicyEventImpact {
  /** −3 (severe adverse) … +3 (favourable), never 0. */
  readonly impact: number;
  /** When it takes or took effect. */
  readonly effectiveAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * The policy component in [0, 1]: each event in force by `asOf` weighs −impact/3, halved for every
 * year since it took effect; favourable events offset adverse ones; the sum is clamped to [0, 1].
 */
export function policyRiskComponent(events: readonly PolicyEventImpact[], asOf: Date): number {
  let sum = 0;
  for (const e of events) {
    const ageDays = (asOf.getTime() - e.effectiveAt.getTime()) / DAY_MS;
    if (ageDays < 0) continue; // not in force yet
    sum += (-e.impact / RISK_SCORE_SCALES.policyImpactAtMax) * 0.5 ** (ageDays / RISK_SCORE_SCALES.policyHalfLifeDays);
  }
  return clamp01(sum);
}

export interface BalanceSheetRiskOptions {
  /** Conversion price of the convertible notes, USD per share. Default: the market's share price. */
  readonly convertibleConversionPriceUsd?: number;
  /** The register's events naming the company, and the time they are judged at; without them the policy component is unknown. */
  readonly policy?: { readonly events: readonly PolicyEventImpact[]; readonly asOf: Date };
}

export interface BalanceSheetRisk {
  readonly netDebtUsd: number | null;
  readonly netDebtToEbitda: number | null;
  readonly convertibleNotesUsd: number | null;
  readonly convertibleSharesIfConverted: number | null;
  readonly convertibleDilutionRatio: number | null;
  readonly fixedPricePowerMw: number | null;
  readonly fixedPricePowerShareRatio: number | null;
  readonly fixedPriceRemainingTermYears: number | null;
  readonly riskScore: {
    readonly score: number | null;
    readonly components: Readonly<Record<RiskScoreComponent, number | null>>;
    readonly unknownComponents: readonly RiskScoreComponent[];
    readonly weights: typeof RISK_SCORE_WEIGHTS;
  };
  /** Why a figure is null. */
  readonly notes: Readonly<Record<string, string>>;
}


export function balanceSheetRisk(profile: CompanyProfile, metrics: CompanyMetrics, scenarios: StandingScenarioResult | null, options: BalanceSheetRiskOptions = {}): BalanceSheetRisk {
  const notes: Record<string, string> = {};
  const bs = profile.balanceSheet;
  const debt = bs.totalDebtUsd.value;
  const cash = bs.cashUsd.value;
  const preferred = bs.preferredEquityUsd === undefined ? 0 : bs.preferredEquityUsd.value;
  const netDebtUsd = debt === null || cash === null || preferred === null ? null : debt + preferred - cash;
  if (netDebtUsd === null) notes.netDebtUsd = 'needs balanceSheet.totalDebtUsd, balanceSheet.cashUsd (and preferredEquityUsd when listed)';
  const ebitda = metrics.ebitdaRunRateUsdPerYear;
  let netDebtToEbitda: number | null = null;
  if (netDebtUsd !== null && ebitda !== null && ebitda > 0) netDebtToEbitda = netDebtUsd / ebitda;
  else if (ebitda === null) notes.netDebtToEbitda = 'EBITDA run-rate unknown';
  else if (ebitda <= 0) notes.netDebtToEbitda = 'EBITDA run-rate is not positive';

  const convertibleNotesUsd = bs.convertibleNotesUsd.value;
  const shares = bs.sharesOutstanding.value;
  const conversionPrice = options.convertibleConversionPriceUsd === undefined ? metrics.market.sharePriceUsd : requirePositive('convertibleConversionPriceUsd', options.convertibleConversionPriceUsd);
  let convertibleSharesIfConverted: number | null = null;
  let convertibleDilutionRatio: number | null = null;
  if (convertibleNotesUsd !== null && conversionPrice !== null && shares !== null && shares > 0) {
    convertibleSharesIfConverted = convertibleNotesUsd / conversionPrice;
    convertibleDilutionRatio = convertibleSharesIfConverted / (shares + convertibleSharesIfConverted);
  } else {
    notes.convertibleDilutionRatio = `needs ${[convertibleNotesUsd === null && 'balanceSheet.convertibleNotesUsd', conversionPrice === null && 'market.sharePriceUsd|convertibleConversionPriceUsd', (shares === null || shares <= 0) && 'balanceSheet.sharesOutstanding'].filter(Boolean).join(', ')}`;
  }

  const contracts = profile.power.contracts;
  const fixed = contracts.filter((c) => c.kind === 'fixed-price' || c.kind === 'ppa');
  const fixedKnown = fixed.every((c) => c.capacityMw.value !== null);
  const fixedPricePowerMw = contracts.length === 0 ? null : fixedKnown ? fixed.reduce((sum, c) => sum + (c.capacityMw.value as number), 0) : null;
  const allContractMw = contracts.every((c) => c.capacityMw.value !== null) ? contracts.reduce((sum, c) => sum + (c.capacityMw.value as number), 0) : null;
  const capacity = profile.fleet.powerCapacityMw.value ?? allContractMw;
  const fixedPricePowerShareRatio = fixedPricePowerMw === null || capacity === null || capacity <= 0 ? null : Math.min(1, fixedPricePowerMw / capacity);
  if (fixedPricePowerShareRatio === null) notes.fixedPricePowerShareRatio = contracts.length === 0 ? 'the profile lists no power contracts' : 'needs power.contracts[].capacityMw and fleet.powerCapacityMw';
  const termed = fixed.filter((c) => c.capacityMw.value !== null && c.termYears.value !== null);
  const termMw = termed.reduce((sum, c) => sum + (c.capacityMw.value as number), 0);
  const fixedPriceRemainingTermYears = fixed.length > 0 && termed.length === fixed.length && termMw > 0 ? termed.reduce((sum, c) => sum + (c.capacityMw.value as number) * (c.termYears.value as number), 0) / termMw : fixed.length === 0 && fixedPricePowerMw === 0 ? 0 : null;

  const runway = metrics.liquidityRunwayMonths;
  const flow = metrics.netCashFlowUsdPerMonth;
  const components: Record<RiskScoreComponent, number | null> = {
    leverage:
      netDebtUsd === null || ebitda === null ? null : netDebtUsd <= 0 ? 0 : ebitda <= 0 ? 1 : clamp01(netDebtUsd / ebitda / RISK_SCORE_SCALES.netDebtToEbitdaAtMax),
    runway: flow === null ? null : flow >= 0 ? 0 : runway === null ? null : clamp01(1 - runway / RISK_SCORE_SCALES.runwayMonthsAtZero),
    scenarioFragility: scenarioFragility(scenarios),
    powerPriceExposure:
      fixedPricePowerShareRatio === null ? null : 1 - fixedPricePowerShareRatio * Math.min(1, (fixedPriceRemainingTermYears ?? 0) / RISK_SCORE_SCALES.fixedPriceTermYearsAtFull),
    dilution: convertibleDilutionRatio === null ? null : clamp01(convertibleDilutionRatio / RISK_SCORE_SCALES.dilutionAtMax),
    policy: options.policy === undefined ? null : policyRiskComponent(options.policy.events, options.policy.asOf),
  };
  if (options.policy === undefined) notes.policy = 'no policy and permit register given';
  return {
    netDebtUsd,
    netDebtToEbitda,
    convertibleNotesUsd,
    convertibleSharesIfConverted,
    convertibleDilutionRatio,
    fixedPricePowerMw,
    fixedPricePowerShareRatio,
    fixedPriceRemainingTermYears,
    riskScore: riskScore(components),
    notes,
  };
}

function scenarioFragility(scenarios: StandingScenarioResult | null): number | null {
  if (scenarios === null) return null;
  const margins = scenarios.scenarios.map((row) => row.allInMarginRatio);
  if (margins.length === 0 || margins.some((m) => m === null)) return null;
  return margins.filter((m) => (m as number) < 0).length / margins.length;
}

/** The weighted mean of the known components, × 100. */
export function riskScore(components: Readonly<Record<RiskScoreComponent, number | null>>): BalanceSheetRisk['riskScore'] {
  let weighted = 0;
  let weights = 0;
  const unknownComponents: RiskScoreComponent[] = [];
  for (const name of Object.keys(RISK_SCORE_WEIGHTS) as RiskScoreComponent[]) {
    const c = components[name];
    if (c === null) unknownComponents.push(name);
    else {
      weighted += RISK_SCORE_WEIGHTS[name] * c;
      weights += RISK_SCORE_WEIGHTS[name];
    }
  }
  return { score: weights === 0 ? null : (100 * weighted) / weights, components, unknownComponents, weights: RISK_SCORE_WEIGHTS };
}
