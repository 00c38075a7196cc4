import { EconomicsInputError, EconomicsInputErrorCode as Code } from '../shared/economics-input.error';
import { requireFinite, requireIntegerInRange, requireNonNegative, requirePositive } from '../shared/validate.util';
import { DAYS_PER_YEAR } from '../shared/calendar.util';
import type { SeededRandom } from './seeded-random';

/*
 * BTC price models for the Monte Carlo, one step per day (BTC trades every calendar day, so a year
 * is 365.25 steps). Both produce daily log returns r_t = ln(P_t / P_{t−1}).
 *
 * Geometric Brownian motion (GBM): dP = μ P dt + σ P dW, exactly discretised:
 *   r_t = (μ − σ²/2)·Δt + σ·√Δt·Z,  Δt = 1/365.25 years, Z ~ N(0, 1)
 * so ln P_T ~ N(ln P_0 + (μ − σ²/2)·T, σ²·T) and E[P_T] = P_0·e^{μT} (T in years).
 * Calibration from a daily price history: σ² = 365.25 · sample variance of r, μ = 365.25 · mean(r) + σ²/2.
 *
 * Circular block bootstrap (Politis & Romano 1992): the path is built from blocks of L consecutive
 * historical daily returns starting at uniformly random days, wrapping around the end of the history,
 * so every historical return is equally likely at every step: the simulated mean return equals the
 * historical mean (or 0 with `demean`), and volatility clustering within a block is kept.
 */

export interface GbmPriceModel {
  readonly kind: 'gbm';
  /** μ, arithmetic drift per year (E[P_T] = P_0·e^{μT}); ratio, e.g. 0 for a martingale. */
  readonly driftPerYear: number;
  /** σ, volatility per year of log returns, e.g. 0.6. */
  readonly volatilityPerYear: number;
}

export interface BlockBootstrapPriceModel {
  readonly kind: 'block-bootstrap';
  /** Historical daily log returns (see dailyLogReturns). At least 2 × blockLengthDays of them. */
  readonly dailyLogReturns: readonly number[] | Float64Array;
  /** Days per block. Default 30. */
  readonly blockLengthDays?: number;
  /** Subtract the historical mean return (a driftless bootstrap). Default false. */
  readonly demean?: boolean;
}

export type PriceModel = GbmPriceModel | BlockBootstrapPriceModel;

export interface GbmCalibration {
  readonly driftPerYear: number;
  readonly volatilityPerYear: number;
  readonly meanDailyLogReturn: number;
  readonly dailyLogReturnStdDev: number;
  readonly observations: number;
}

/** ln(P_t / P_{t−1}) for consecutive daily prices (all must be > 0). */
export function dailyLogReturns(pricesUsd: readonly number[]): Float64Array {
  if (!Array.isArray(pricesUsd) || pricesUsd.length < 2) throw new EconomicsInputError('pricesUsd', Code.OUT_OF_RANGE, 'must list at least 2 daily prices');
  const out = new Float64Array(pricesUsd.length - 1);
  let previous = requirePositive('pricesUsd[0]', pricesUsd[0]);
  for (let i = 1; i < pricesUsd.length; i += 1) {
    const price = requirePositive(`pricesUsd[${i}]`, pricesUsd[i]);
    out[i - 1] = Math.log(price / previous);
    previous = price;
  }
  return out;
}

/** GBM parameters per year from a daily price history (oldest first). */
export function calibrateGbm(pricesUsd: readonly number[]): GbmCalibration {
  const returns = dailyLogReturns(pricesUsd);
  if (returns.length < 2) throw new EconomicsInputError('pricesUsd', Code.OUT_OF_RANGE, 'must list at least 3 daily prices');
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < returns.length; i += 1) {
    const delta = returns[i] - mean;
    mean += delta / (i + 1);
    m2 += delta * (returns[i] - mean);
  }
  const variance = m2 / (returns.length - 1);
  const volatilityPerYear = Math.sqrt(variance * DAYS_PER_YEAR);
  return {
    driftPerYear: mean * DAYS_PER_YEAR + (volatilityPerYear * volatilityPerYear) / 2,
    volatilityPerYear,
    meanDailyLogReturn: mean,
    dailyLogReturnStdDev: Math.sqrt(variance),
    observations: returns.length,
  };
}

/** Closed form for GBM: the q-quantile of P_T (T in days). */
export function gbmPriceQuantile(startPriceUsd: number, model: GbmPriceModel, days: number, q: number): number {
  const t = days / DAYS_PER_YEAR;
  const { driftPerYear: mu, volatilityPerYear: sigma } = model;
  return startPriceUsd * Math.exp((mu - (sigma * sigma) / 2) * t + sigma * Math.sqrt(t) * inverseStandardNormal(q));
}

/** Closed form for GBM: E[P_T] = P_0·e^{μT} (T in days). */
export function gbmPriceMean(startPriceUsd: number, model: GbmPriceModel, days: number): number {
  return startPriceUsd * Math.exp((model.driftPerYear * days) / DAYS_PER_YEAR);
}

/** Φ⁻¹(p), Acklam's rational approximation (relative error below 1.15e-9). */
export function inverseStandardNormal(p: number): number {
  if (!(p > 0 && p < 1)) throw new EconomicsInputError('p', Code.OUT_OF_RANGE, 'must be strictly between 0 and 1');
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

/** A price model checked and turned into the per-day form the engine steps with. */
export interface PreparedPriceModel {
  readonly kind: PriceModel['kind'];
  /** GBM: (μ − σ²/2)Δt and σ√Δt. */
  readonly gbmDriftPerDay: number;
  readonly gbmVolatilityPerDay: number;
  /** Bootstrap: the returns, extended by blockLength − 1 to wrap without a modulo; empty for GBM. */
  readonly bootstrapReturns: Float64Array;
  readonly bootstrapLength: number;
  readonly blockLengthDays: number;
  /** Daily log-return standard deviation (for grid ranges). */
  readonly dailyVolatility: number;
  /** Daily mean log return. */
  readonly dailyMeanLogReturn: number;
}

const MAX_BOOTSTRAP_RETURNS = 100_000;

export function preparePriceModel(model: PriceModel): PreparedPriceModel {
  if (typeof model !== 'object' || model === null) throw new EconomicsInputError('priceModel', Code.MISSING, 'must be an object');
  if (model.kind === 'gbm') {
    const mu = requireFinite('priceModel.driftPerYear', model.driftPerYear);
    const sigma = requireNonNegative('priceModel.volatilityPerYear', model.volatilityPerYear);
    if (mu < -5 || mu > 5) throw new EconomicsInputError('priceModel.driftPerYear', Code.OUT_OF_RANGE, 'must be between −5 and 5 (a ratio per year)');
    if (sigma > 5) throw new EconomicsInputError('priceModel.volatilityPerYear', Code.OUT_OF_RANGE, 'must be between 0 and 5 (a ratio per year)');
    const dt = 1 / DAYS_PER_YEAR;
    return {
      kind: 'gbm',
      gbmDriftPerDay: (mu - (sigma * sigma) / 2) * dt,
      gbmVolatilityPerDay: sigma * Math.sqrt(dt),
      bootstrapReturns: new Float64Array(0),
      bootstrapLength: 0,
      blockLengthDays: 0,
      dailyVolatility: sigma * Math.sqrt(dt),
      dailyMeanLogReturn: (mu - (sigma * sigma) / 2) * dt,
    };
  }
  if (model.kind === 'block-bootstrap') {
    const block = requireIntegerInRange('priceModel.blockLengthDays', model.blockLengthDays ?? 30, 1, 365);
    const source = model.dailyLogReturns;
    if (!(Array.isArray(source) || source instanceof Float64Array) || source.length < 2 * block || source.length > MAX_BOOTSTRAP_RETURNS) {
      throw new EconomicsInputError('priceModel.dailyLogReturns', Code.OUT_OF_RANGE, `must list ${2 * block} to ${MAX_BOOTSTRAP_RETURNS} daily log returns (2 × blockLengthDays at least)`);
    }
    const n = source.length;
    let mean = 0;
    for (let i = 0; i < n; i += 1) mean += requireFinite(`priceModel.dailyLogReturns[${i}]`, source[i]);
    mean /= n;
    const shift = model.demean === true ? mean : 0;
    const returns = new Float64Array(n + block - 1);
    let m2 = 0;
    for (let i = 0; i < n; i += 1) {
      returns[i] = source[i] - shift;
      m2 += (source[i] - mean) ** 2;
    }
    for (let i = 0; i < block - 1; i += 1) returns[n + i] = returns[i];
    return {
      kind: 'block-bootstrap',
      gbmDriftPerDay: 0,
      gbmVolatilityPerDay: 0,
      bootstrapReturns: returns,
      bootstrapLength: n,
      blockLengthDays: block,
      dailyVolatility: Math.sqrt(m2 / (n - 1)),
      dailyMeanLogReturn: mean - shift,
    };
  }
  throw new EconomicsInputError('priceModel.kind', Code.UNKNOWN, `unknown price model '${(model as { kind: unknown }).kind}' (one of gbm, block-bootstrap)`);
}

/** Fills `out` with one path's daily log returns (out.length days). */
export function fillDailyLogReturns(model: PreparedPriceModel, random: SeededRandom, out: Float64Array): void {
  const days = out.length;
  if (model.kind === 'gbm') {
    random.fillNormals(out, model.gbmDriftPerDay, model.gbmVolatilityPerDay);
    return;
  }
  const returns = model.bootstrapReturns;
  const n = model.bootstrapLength;
  const block = model.blockLengthDays;
  let t = 0;
  while (t < days) {
    const start = random.integerBelow(n);
    const end = Math.min(block, days - t);
    for (let k = 0; k < end; k += 1) out[t + k] = returns[start + k];
    t += end;
  }
}
