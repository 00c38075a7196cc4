// Data-source adapters of the ingest service: plain classes (no Kafka, Nest or database), each a real
// HTTP client the scheduler polls: `poll(now)` → AdapterResult, `state(now)` → AdapterState.
export * from './adapter.exception';
export * from './adapter.types';
export * from './observation.types';
export { DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT, type AdapterCommonConfig } from './shared/adapter-config';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './shared/backoff-policy';
export * from './network/mempool-network.adapter';
export * from './btc-price/coinbase-quote.adapter';
export * from './btc-price/kraken-quote.adapter';
export * from './btc-price/coingecko-quote.adapter';
export * from './btc-price/btc-reference-price.adapter';
export { DEFAULT_REFERENCE_POLICY, decideReferencePrice, type QuoteCandidate, type ReferencePriceDecision, type ReferencePricePolicy } from './btc-price/reference-price';
export * from './equities/stooq-daily.adapter';
export * from './equities/alpha-vantage-equity.adapter';
export * from './equities/finnhub-quote.adapter';
export * from './power/eia-retail-price.adapter';
export * from './power/ercot-settlement-price.adapter';
export * from './power/ercot-token.provider';
export * from './fundamentals/sec-edgar-company-facts.adapter';
