import type { ExcludedSource } from '../observation.types';
import { median } from '../shared/parse.util';

export interface ReferencePricePolicy {
  /** A quote older than this (now − its event time) is left out as stale. */
  maxQuoteAgeMs: number;
  /** A quote further than this from the median of the fresh quotes, in percent, is left out as an outlier. */
  maxDeviationPct: number;
  /** Fewer usable quotes than this: no reference price. */
  minSources: number;
  /** A quote timed further than this in the future is left out (a clock or unit error). */
  maxFutureSkewMs: number;
}

export const DEFAULT_REFERENCE_POLICY: ReferencePricePolicy = {
  maxQuoteAgeMs: 120_000,
  maxDeviationPct: 2,
  minSources: 2,
  maxFutureSkewMs: 60_000,
};

/** One source's contribution: its latest quote, or why it has none. */
export interface QuoteCandidate {
  source: string;
  quote?: { priceUsd: number; eventTime: Date };
  /** Why there is no quote (e.g. 'RATE_LIMITED: HTTP 429 …'). */
  unavailable?: string;
}

export type ReferencePriceDecision =
  | { ok: true; priceUsd: number; eventTime: Date; included: { source: string; priceUsd: number }[]; excluded: ExcludedSource[] }
  | { ok: false; reason: string; included: { source: string; priceUsd: number }[]; excluded: ExcludedSource[] };

/**
 * The reference BTC-USD price: the median of the sources that answered with a fresh quote, after
 * leaving out the stale, the future-dated and those wildly off the others, each with its reason.
 * Pure: the time comes from the caller. With two usable quotes the median is their mean; two that
 * disagree beyond the limit are both left out, since nothing says which one is right.
 */
export function decideReferencePrice(candidates: readonly QuoteCandidate[], now: Date, policy: ReferencePricePolicy): ReferencePriceDecision {
  const excluded: ExcludedSource[] = [];
  const fresh: { source: string; priceUsd: number; eventTime: Date }[] = [];
  for (const candidate of candidates) {
    if (!candidate.quote) {
      excluded.push({ source: candidate.source, reason: 'unavailable', detail: candidate.unavailable ?? 'no quote' });
      continue;
    }
    const ageMs = now.getTime() - candidate.quote.eventTime.getTime();
    if (ageMs > policy.maxQuoteAgeMs) {
      excluded.push({ source: candidate.source, reason: 'stale', detail: `quote from ${candidate.quote.eventTime.toISOString()} is ${Math.round(ageMs / 1000)} s old (limit ${Math.round(policy.maxQuoteAgeMs / 1000)} s)` });
    } else if (-ageMs > policy.maxFutureSkewMs) {
      excluded.push({ source: candidate.source, reason: 'future-dated', detail: `quote from ${candidate.quote.eventTime.toISOString()} is ${Math.round(-ageMs / 1000)} s in the future` });
    } else {
      fresh.push({ source: candidate.source, ...candidate.quote });
    }
  }

  const included: typeof fresh = [];
  if (fresh.length > 0) {
    const centre = median(fresh.map((quote) => quote.priceUsd));
    for (const quote of fresh) {
      const deviationPct = (Math.abs(quote.priceUsd - centre) / centre) * 100;
      if (deviationPct > policy.maxDeviationPct) {
        excluded.push({ source: quote.source, reason: 'outlier', detail: `${quote.priceUsd} USD is ${deviationPct.toFixed(2)} % from the median ${centre} USD of the fresh quotes (limit ${policy.maxDeviationPct} %)` });
      } else {
        included.push(quote);
      }
    }
  }

  const components = included.map(({ source, priceUsd }) => ({ source, priceUsd }));
  if (included.length < policy.minSources) {
    const why = excluded.map((e) => `${e.source} ${e.reason}`).join(', ');
    return { ok: false, reason: `${included.length} usable quote(s), ${policy.minSources} needed${why ? ` (${why})` : ''}`, included: components, excluded };
  }
  return {
    ok: true,
    priceUsd: median(included.map((quote) => quote.priceUsd)),
    eventTime: new Date(Math.max(...included.map((quote) => quote.eventTime.getTime()))),
    included: components,
    excluded,
  };
}
