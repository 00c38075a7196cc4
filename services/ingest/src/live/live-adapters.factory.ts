import {
  BtcReferencePriceAdapter, CoinbaseQuoteAdapter, CoinGeckoQuoteAdapter, KrakenQuoteAdapter, MempoolNetworkAdapter, type SourceAdapter,
} from '../adapters';
import type { IngestEnv } from '../config/ingest.config';

/** The adapters the configuration enables: each only when its base URL is set. Fails fast on a bad setting. */
export function createLiveAdapters(env: IngestEnv): SourceAdapter[] {
  const adapters: SourceAdapter[] = [];
  if (env.INGEST_MEMPOOL_BASE_URL) {
    adapters.push(new MempoolNetworkAdapter({ baseUrl: env.INGEST_MEMPOOL_BASE_URL, pollIntervalMs: env.INGEST_MEMPOOL_POLL_MS }));
  }
  const quotes: SourceAdapter[] = [];
  if (env.INGEST_COINBASE_BASE_URL) quotes.push(new CoinbaseQuoteAdapter({ baseUrl: env.INGEST_COINBASE_BASE_URL }));
  if (env.INGEST_KRAKEN_BASE_URL) quotes.push(new KrakenQuoteAdapter({ baseUrl: env.INGEST_KRAKEN_BASE_URL }));
  if (env.INGEST_COINGECKO_BASE_URL) quotes.push(new CoinGeckoQuoteAdapter({ baseUrl: env.INGEST_COINGECKO_BASE_URL, apiKey: env.INGEST_COINGECKO_API_KEY }));
  if (quotes.length > 0) {
    adapters.push(new BtcReferencePriceAdapter({ sources: quotes, pollIntervalMs: env.INGEST_BTC_PRICE_POLL_MS, minSources: Math.min(2, quotes.length) }));
  }
  return adapters;
}
