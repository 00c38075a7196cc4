import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import type { AdapterIssue, AdapterResult, AdapterState, SourceAdapter } from '../adapter.types';
import { SourceIds, type BtcPriceObservation, type BtcReferencePriceObservation, type Observation } from '../observation.types';
import { requirePositiveInteger } from '../shared/adapter-config';
import { AdapterStateTracker } from '../shared/adapter-state';
import { resolveBackoff, type BackoffPolicy } from '../shared/backoff-policy';
import { DEFAULT_REFERENCE_POLICY, decideReferencePrice, type QuoteCandidate, type ReferencePricePolicy } from './reference-price';

export interface BtcReferencePriceAdapterConfig extends Partial<ReferencePricePolicy> {
  /** The venue adapters (Coinbase, Kraken, CoinGecko…), each yielding one `btc-price` observation per poll. */
  sources: readonly SourceAdapter[];
  /** Default 30 s. */
  pollIntervalMs?: number;
  /** Default 'btc-reference'. */
  sourceId?: string;
  backoff?: Partial<BackoffPolicy>;
  random?: () => number;
}

/**
 * The reference BTC-USD price. Schedule this adapter, not its sources: each poll polls every
 * source (each keeps its own backoff, so a throttled venue is skipped, not hammered), emits the
 * venues' quotes and one `btc-reference-price`, the median of the fresh, consistent quotes with
 * the left-out sources named. A source that failed this time still counts with its last quote
 * while that quote is fresh. Never refuses a poll itself: its sources guard their providers.
 */
export class BtcReferencePriceAdapter implements SourceAdapter {
  readonly id: string;
  readonly pollIntervalMs: number;
  private readonly sources: readonly SourceAdapter[];
  private readonly policy: ReferencePricePolicy;
  private readonly tracker: AdapterStateTracker;
  private readonly lastQuotes = new Map<string, BtcPriceObservation>();

  constructor(config: BtcReferencePriceAdapterConfig) {
    if (!config.sources || config.sources.length === 0) throw AdapterException.config('sources', 'must list at least one price source');
    const ids = config.sources.map((source) => source.id);
    if (new Set(ids).size !== ids.length) throw AdapterException.config('sources', `ids must be unique (got ${ids.join(', ')})`);
    this.sources = config.sources;
    this.id = config.sourceId ?? SourceIds.btcReference;
    this.pollIntervalMs = requirePositiveInteger('pollIntervalMs', config.pollIntervalMs ?? 30_000);
    this.policy = {
      maxQuoteAgeMs: requirePositiveInteger('maxQuoteAgeMs', config.maxQuoteAgeMs ?? DEFAULT_REFERENCE_POLICY.maxQuoteAgeMs),
      maxDeviationPct: config.maxDeviationPct ?? DEFAULT_REFERENCE_POLICY.maxDeviationPct,
      minSources: requirePositiveInteger('minSources', config.minSources ?? DEFAULT_REFERENCE_POLICY.minSources),
      maxFutureSkewMs: config.maxFutureSkewMs ?? DEFAULT_REFERENCE_POLICY.maxFutureSkewMs,
    };
    if (!(this.policy.maxDeviationPct > 0)) throw AdapterException.config('maxDeviationPct', 'must be a percent greater than 0');
    if (!(this.policy.maxFutureSkewMs >= 0)) throw AdapterException.config('maxFutureSkewMs', 'must be 0 or more');
    if (this.policy.minSources > this.sources.length) throw AdapterException.config('minSources', `cannot exceed the ${this.sources.length} configured sources`);
    const backoff = resolveBackoff({ initialDelayMs: this.pollIntervalMs, maxDelayMs: Math.max(this.pollIntervalMs, 5 * 60_000), ...config.backoff });
    this.tracker = new AdapterStateTracker(this.id, this.id, this.pollIntervalMs, backoff, config.random ?? Math.random);
  }

  async poll(now: Date): Promise<AdapterResult> {
    this.tracker.recordPoll(now);
    const results = await Promise.all(this.sources.map((source) => source.poll(now)));
    const observations: Observation[] = [];
    const issues: AdapterIssue[] = [];
    const candidates: QuoteCandidate[] = [];

    results.forEach((result, i) => {
      const source = this.sources[i].id;
      observations.push(...result.observations);
      issues.push(...result.issues.map((issue) => ({ ...issue, source: issue.source ?? source })));
      const quote = result.observations.find((o): o is BtcPriceObservation => o.kind === 'btc-price');
      if (quote) this.lastQuotes.set(source, quote);
      const last = this.lastQuotes.get(source);
      const why = result.outcome === 'failed' ? `${result.error.code}: ${result.error.message}` : result.outcome === 'skipped' ? `skipped (${result.reason}) until ${result.nextPollAt.toISOString()}` : undefined;
      if (!quote && last && why) issues.push({ code: 'FALLBACK', source, key: 'BTC-USD', message: `using the last quote from ${last.eventTime.toISOString()}: ${why}` });
      candidates.push({ source, quote: last && { priceUsd: last.priceUsd, eventTime: last.eventTime }, unavailable: why ?? 'no quote' });
    });

    const decision = decideReferencePrice(candidates, now, this.policy);
    for (const excluded of decision.excluded) {
      issues.push({ code: 'SOURCE_EXCLUDED', source: excluded.source, key: 'BTC-USD', message: `${excluded.reason}: ${excluded.detail}` });
    }
    this.tracker.recordObservations(observations);

    if (!decision.ok) {
      const error = new AdapterException(AdapterExceptionCode.NO_REFERENCE_PRICE, `no reference BTC-USD price: ${decision.reason}`);
      const earliestSource = Math.min(...results.map((r) => r.nextPollAt.getTime()));
      const nextPollAt = this.tracker.recordFailure(now, error, new Date(Math.max(earliestSource, now.getTime() + this.pollIntervalMs)));
      return { outcome: 'failed', adapterId: this.id, polledAt: now, nextPollAt, observations, issues, error };
    }

    const reference: BtcReferencePriceObservation = {
      kind: 'btc-reference-price',
      source: this.id,
      key: 'BTC-USD',
      eventTime: decision.eventTime,
      priceUsd: decision.priceUsd,
      method: 'median',
      componentSources: decision.included.map((c) => c.source),
      componentPricesUsd: Object.fromEntries(decision.included.map((c) => [c.source, c.priceUsd])),
      excludedSources: decision.excluded,
    };
    observations.push(reference);
    this.tracker.recordObservations([reference]);
    const nextPollAt = this.tracker.recordSuccess(now);
    return { outcome: 'ok', adapterId: this.id, polledAt: now, nextPollAt, observations, issues };
  }

  state(now: Date = new Date()): AdapterState {
    return { ...this.tracker.snapshot(now), backingOff: false };
  }

  /** Each venue's own state (its backoff, last error, lag). */
  sourceStates(now: Date = new Date()): AdapterState[] {
    return this.sources.map((source) => source.state(now));
  }
}
