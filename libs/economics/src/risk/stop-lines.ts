import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFinite, requireFraction, requireIntegerInRange, requireNonNegative, requirePositive } from '../shared/validate.util';
import { hysteresisSignal, recoveryLevelOf, type HysteresisDirection, type HysteresisSignal } from './hysteresis';

/*
 * Stop-loss lines: a level a watched value must not cross, with hysteresis. Pure decide/evolve:
 * `evaluateStopLine(line, state, observation)` returns the next state and at most one signal.
 *
 * Equity lines (value = share price, "below" lines):
 *   fixed        level = entry × (1 − dropRatio)
 *   trailing     level = peak × (1 − trailRatio),           peak = max(entry, every price seen)
 *   atr          level = peak − atrMultiple × ATR_n          (a volatility trailing stop, "chandelier")
 *                TR_t  = max(high, prev close) − min(low, prev close)   (|close − prev close| with closes only)
 *                ATR_n = mean of the first n TRs, then Wilder: ATR ← ATR + (TR − ATR)/n; unarmed before n TRs.
 * Economic lines:
 *   break-even-hashprice  value = network hashprice, USD/PH/day, "below" level (the company's break-even hashcost)
 *   break-even-btc-price  value = BTC price, USD,                "below" level (the company's break-even price)
 *   runway-floor          value = liquidity runway, months,       "below" level (the floor); no burn = infinite runway
 *   loan-to-value         value = loan ÷ (collateral BTC × price), "above" level (the maximum LTV, e.g. a margin call)
 *
 * Crossing and hysteresis (r = recoveryMarginRatio) are those of hysteresis.ts: one breach signal
 * per crossing, one recovery signal when the value clears the band. The level a value is judged
 * against is the level before that observation (a trailing peak and ATR move after the comparison).
 * The state is plain JSON so a service can persist it per line.
 */

export type EquityStopLineKind = 'fixed' | 'trailing' | 'atr';
export type EconomicStopLineKind = 'break-even-hashprice' | 'break-even-btc-price' | 'runway-floor' | 'loan-to-value';
export type StopLineKind = EquityStopLineKind | EconomicStopLineKind;

export const EQUITY_STOP_LINE_KINDS: readonly EquityStopLineKind[] = ['fixed', 'trailing', 'atr'];
export const ECONOMIC_STOP_LINE_KINDS: readonly EconomicStopLineKind[] = ['break-even-hashprice', 'break-even-btc-price', 'runway-floor', 'loan-to-value'];
export const STOP_LINE_KINDS: readonly StopLineKind[] = [...EQUITY_STOP_LINE_KINDS, ...ECONOMIC_STOP_LINE_KINDS];

/** Default hysteresis band: 2 % of the level. */
export const DEFAULT_RECOVERY_MARGIN_RATIO = 0.02;

interface LineBase {
  /** Hysteresis band as a ratio of the level, 0 ≤ r < 1. Default 0.02. */
  readonly recoveryMarginRatio?: number;
}

export interface FixedStopLine extends LineBase {
  readonly kind: 'fixed';
  readonly entryPriceUsd: number;
  /** 0.1 = a stop 10 % under the entry. */
  readonly dropRatio: number;
}

export interface TrailingStopLine extends LineBase {
  readonly kind: 'trailing';
  /** The starting peak (e.g. the purchase price); omitted: the first price seen. */
  readonly entryPriceUsd?: number;
  /** 0.1 = a stop 10 % under the highest price seen. */
  readonly trailRatio: number;
}

export interface AtrStopLine extends LineBase {
  readonly kind: 'atr';
  readonly entryPriceUsd?: number;
  /** ATR periods (observations), 1–250. Typical 14. */
  readonly periods: number;
  /** Stop distance in ATRs, e.g. 3. */
  readonly atrMultiple: number;
}

export interface BreakEvenHashpriceLine extends LineBase {
  readonly kind: 'break-even-hashprice';
  /** The company's break-even hashprice (e.g. its all-in hashcost), USD per PH/s per day. */
  readonly levelUsdPerPhDay: number;
}

export interface BreakEvenBtcPriceLine extends LineBase {
  readonly kind: 'break-even-btc-price';
  readonly levelUsd: number;
}

export interface RunwayFloorLine extends LineBase {
  readonly kind: 'runway-floor';
  readonly floorMonths: number;
}

export interface LoanToValueLine extends LineBase {
  readonly kind: 'loan-to-value';
  readonly loanUsd: number;
  readonly collateralBtc: number;
  /** The LTV that must not be exceeded, e.g. 0.7. */
  readonly maxLoanToValueRatio: number;
}

export type StopLine = FixedStopLine | TrailingStopLine | AtrStopLine | BreakEvenHashpriceLine | BreakEvenBtcPriceLine | RunwayFloorLine | LoanToValueLine;

/** What moved. A line reads the fields it needs and ignores an observation without them. */
export interface StopLineObservation {
  /** ISO time of the observation. */
  readonly at: string;
  /** Close (or last) share price; with highs and lows the ATR uses the full true range. */
  readonly sharePriceUsd?: number;
  readonly shareHighUsd?: number;
  readonly shareLowUsd?: number;
  readonly btcPriceUsd?: number;
  readonly hashpriceUsdPerPhDay?: number;
  /** null: the company is not burning cash (runway unbounded). */
  readonly liquidityRunwayMonths?: number | null;
}

export interface StopLineState {
  readonly breached: boolean;
  /** Highest price seen (trailing and ATR lines). */
  readonly peakUsd: number | null;
  readonly previousCloseUsd: number | null;
  readonly atrUsd: number | null;
  /** True ranges seen so far, capped at the ATR periods. */
  readonly trueRanges: number;
  /** Level and value at the last observation the line could read. */
  readonly level: number | null;
  readonly lastValue: number | null;
  readonly lastAt: string | null;
}

export type StopSignalKind = HysteresisSignal;
export type StopLineDirection = HysteresisDirection;

export interface StopLineSignal {
  readonly kind: StopSignalKind;
  readonly rule: StopLineKind;
  readonly direction: StopLineDirection;
  /** The watched value that crossed. */
  readonly value: number;
  /** The line it crossed (breach) or the line it cleared (recovery: the band edge is recoveryLevel). */
  readonly level: number;
  readonly recoveryLevel: number;
  readonly metric: string;
  readonly at: string;
}

export interface StopLineEvaluation {
  readonly state: StopLineState;
  readonly signal: StopLineSignal | null;
}

export const INITIAL_STOP_LINE_STATE: StopLineState = Object.freeze({
  breached: false,
  peakUsd: null,
  previousCloseUsd: null,
  atrUsd: null,
  trueRanges: 0,
  level: null,
  lastValue: null,
  lastAt: null,
});

export function directionOf(kind: StopLineKind): StopLineDirection {
  return kind === 'loan-to-value' ? 'above' : 'below';
}

/** The metric a line watches, for signals and tables. */
export function metricOf(kind: StopLineKind): string {
  switch (kind) {
    case 'fixed':
    case 'trailing':
    case 'atr':
      return 'share_price_usd';
    case 'break-even-hashprice':
      return 'hashprice_usd_per_ph_day';
    case 'break-even-btc-price':
      return 'btc_price_usd';
    case 'runway-floor':
      return 'liquidity_runway_months';
    case 'loan-to-value':
      return 'loan_to_value_ratio';
    default:
      return assertNever(kind);
  }
}

function assertNever(value: never): never {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : value;
  throw new EconomicsInputError('kind', Code.UNKNOWN, `unknown stop line kind '${String(kind)}' (one of ${STOP_LINE_KINDS.join(', ')})`);
}

/** Checks a line (every field named on error) and returns it with the default band filled in. */
export function validateStopLine(line: StopLine): StopLine & { readonly recoveryMarginRatio: number } {
  if (typeof line !== 'object' || line === null) throw new EconomicsInputError('line', Code.MISSING, 'must be an object');
  const recoveryMarginRatio = requireFraction('recoveryMarginRatio', line.recoveryMarginRatio ?? DEFAULT_RECOVERY_MARGIN_RATIO, true);
  switch (line.kind) {
    case 'fixed':
      requirePositive('entryPriceUsd', line.entryPriceUsd);
      requireFraction('dropRatio', line.dropRatio, true);
      break;
    case 'trailing':
      if (line.entryPriceUsd !== undefined) requirePositive('entryPriceUsd', line.entryPriceUsd);
      requireFraction('trailRatio', line.trailRatio, true);
      break;
    case 'atr':
      if (line.entryPriceUsd !== undefined) requirePositive('entryPriceUsd', line.entryPriceUsd);
      requireIntegerInRange('periods', line.periods, 1, 250);
      requirePositive('atrMultiple', line.atrMultiple);
      break;
    case 'break-even-hashprice':
      requirePositive('levelUsdPerPhDay', line.levelUsdPerPhDay);
      break;
    case 'break-even-btc-price':
      requirePositive('levelUsd', line.levelUsd);
      break;
    case 'runway-floor':
      requirePositive('floorMonths', line.floorMonths);
      break;
    case 'loan-to-value':
      requireNonNegative('loanUsd', line.loanUsd);
      requirePositive('collateralBtc', line.collateralBtc);
      requirePositive('maxLoanToValueRatio', line.maxLoanToValueRatio);
      break;
    default:
      return assertNever(line);
  }
  return { ...line, recoveryMarginRatio };
}

/** The watched value from an observation, or null when the observation does not carry it. */
function valueOf(line: StopLine, o: StopLineObservation): number | null {
  const read = (field: keyof StopLineObservation, value: number | null | undefined): number | null => (value === undefined || value === null ? null : requireFinite(field, value));
  switch (line.kind) {
    case 'fixed':
    case 'trailing':
    case 'atr':
      return read('sharePriceUsd', o.sharePriceUsd);
    case 'break-even-hashprice':
      return read('hashpriceUsdPerPhDay', o.hashpriceUsdPerPhDay);
    case 'break-even-btc-price':
      return read('btcPriceUsd', o.btcPriceUsd);
    case 'runway-floor':
      if (o.liquidityRunwayMonths === undefined) return null;
      return o.liquidityRunwayMonths === null ? Number.POSITIVE_INFINITY : requireNonNegative('liquidityRunwayMonths', o.liquidityRunwayMonths);
    case 'loan-to-value': {
      const price = read('btcPriceUsd', o.btcPriceUsd);
      return price === null ? null : line.loanUsd / (line.collateralBtc * requirePositive('btcPriceUsd', price));
    }
    default:
      return assertNever(line);
  }
}

/** The level before this observation; null while the line is not armed (no peak or ATR yet). */
export function stopLineLevel(line: StopLine, state: StopLineState): number | null {
  switch (line.kind) {
    case 'fixed':
      return line.entryPriceUsd * (1 - line.dropRatio);
    case 'trailing': {
      const peak = state.peakUsd ?? line.entryPriceUsd ?? null;
      return peak === null ? null : peak * (1 - line.trailRatio);
    }
    case 'atr': {
      const peak = state.peakUsd ?? line.entryPriceUsd ?? null;
      if (peak === null || state.atrUsd === null || state.trueRanges < line.periods) return null;
      return Math.max(0, peak - line.atrMultiple * state.atrUsd);
    }
    case 'break-even-hashprice':
      return line.levelUsdPerPhDay;
    case 'break-even-btc-price':
      return line.levelUsd;
    case 'runway-floor':
      return line.floorMonths;
    case 'loan-to-value':
      return line.maxLoanToValueRatio;
    default:
      return assertNever(line);
  }
}

/** Peak and ATR after a price (equity lines); the other lines keep no price memory. */
function evolvePriceMemory(line: StopLine, state: StopLineState, price: number, o: StopLineObservation): Pick<StopLineState, 'peakUsd' | 'previousCloseUsd' | 'atrUsd' | 'trueRanges'> {
  if (line.kind !== 'trailing' && line.kind !== 'atr') return { peakUsd: state.peakUsd, previousCloseUsd: state.previousCloseUsd, atrUsd: state.atrUsd, trueRanges: state.trueRanges };
  const peakUsd = Math.max(state.peakUsd ?? line.entryPriceUsd ?? price, price);
  if (line.kind !== 'atr') return { peakUsd, previousCloseUsd: price, atrUsd: null, trueRanges: 0 };
  if (state.previousCloseUsd === null) return { peakUsd, previousCloseUsd: price, atrUsd: null, trueRanges: 0 };
  const high = Math.max(o.shareHighUsd ?? price, price, state.previousCloseUsd);
  const low = Math.min(o.shareLowUsd ?? price, price, state.previousCloseUsd);
  const trueRange = high - low;
  const n = line.periods;
  const seen = state.trueRanges;
  // the first n true ranges average arithmetically (Wilder's seed), then the smoothing takes over
  const atrUsd = seen === 0 ? trueRange : seen < n ? (state.atrUsd as number) + (trueRange - (state.atrUsd as number)) / (seen + 1) : (state.atrUsd as number) + (trueRange - (state.atrUsd as number)) / n;
  return { peakUsd, previousCloseUsd: price, atrUsd, trueRanges: Math.min(n, seen + 1) };
}

/** Decide and evolve: the line's next state and the signal this observation raises, if any. */
export function evaluateStopLine(line: StopLine, state: StopLineState, observation: StopLineObservation): StopLineEvaluation {
  const checked = validateStopLine(line);
  const value = valueOf(checked, observation);
  if (value === null) return { state, signal: null };
  const direction = directionOf(checked.kind);
  const level = stopLineLevel(checked, state);
  const memory = evolvePriceMemory(checked, state, value, observation);
  let breached = state.breached;
  let signal: StopLineSignal | null = null;
  if (level !== null) {
    const kind = hysteresisSignal({ direction, level, recoveryMarginRatio: checked.recoveryMarginRatio }, breached, value);
    if (kind !== null) {
      breached = kind === 'breach';
      const recoveryLevel = recoveryLevelOf(direction, level, checked.recoveryMarginRatio);
      signal = { kind, rule: checked.kind, direction, value, level, recoveryLevel, metric: metricOf(checked.kind), at: observation.at };
    }
  }
  // an unbounded runway (no burn) is stored as null: the state stays plain JSON
  return { state: { breached, ...memory, level, lastValue: Number.isFinite(value) ? value : null, lastAt: observation.at }, signal };
}

/** Folds a series of observations through a line: the final state and every signal, in order. */
export function runStopLine(line: StopLine, observations: readonly StopLineObservation[], state: StopLineState = INITIAL_STOP_LINE_STATE): { state: StopLineState; signals: StopLineSignal[] } {
  const signals: StopLineSignal[] = [];
  let current = state;
  for (const observation of observations) {
    const next = evaluateStopLine(line, current, observation);
    current = next.state;
    if (next.signal !== null) signals.push(next.signal);
  }
  return { state: current, signals };
}
