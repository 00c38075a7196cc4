import {
  AlphaVantageEquityAdapter, BtcReferencePriceAdapter, CoinbaseQuoteAdapter, CoinGeckoQuoteAdapter, EiaRetailPriceAdapter, ErcotSettlementPriceAdapter,
  FinnhubQuoteAdapter, KrakenQuoteAdapter, MempoolNetworkAdapter, SecEdgarCompanyFactsAdapter, StooqDailyAdapter, type SourceAdapter,
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
  const tickers = env.INGEST_EQUITY_TICKERS.split(',');
  if (env.INGEST_STOOQ_BASE_URL) adapters.push(new StooqDailyAdapter({ baseUrl: env.INGEST_STOOQ_BASE_URL, tickers }));
  if (env.INGEST_FINNHUB_BASE_URL && env.INGEST_FINNHUB_API_KEY) {
    adapters.push(new FinnhubQuoteAdapter({ baseUrl: env.INGEST_FINNHUB_BASE_URL, apiKey: env.INGEST_FINNHUB_API_KEY, tickers }));
  }
  if (env.INGEST_ALPHAVANTAGE_BASE_URL && env.INGEST_ALPHAVANTAGE_API_KEY) {
    adapters.push(new AlphaVantageEquityAdapter({ baseUrl: env.INGEST_ALPHAVANTAGE_BASE_URL, apiKey: env.INGEST_ALPHAVANTAGE_API_KEY, tickers }));
  }
  if (env.INGEST_EIA_BASE_URL && env.INGEST_EIA_API_KEY) {
    adapters.push(new EiaRetailPriceAdapter({ baseUrl: env.INGEST_EIA_BASE_URL, apiKey: env.INGEST_EIA_API_KEY, states: env.INGEST_EIA_STATES.split(',') }));
  }
  if (env.INGEST_ERCOT_BASE_URL && env.INGEST_ERCOT_SUBSCRIPTION_KEY && env.INGEST_ERCOT_USERNAME && env.INGEST_ERCOT_PASSWORD) {
    adapters.push(new ErcotSettlementPriceAdapter({
      baseUrl: env.INGEST_ERCOT_BASE_URL,
      subscriptionKey: env.INGEST_ERCOT_SUBSCRIPTION_KEY,
      credentials: { username: env.INGEST_ERCOT_USERNAME, password: env.INGEST_ERCOT_PASSWORD },
      market: 'DAM',
      settlementPoints: env.INGEST_ERCOT_SETTLEMENT_POINTS.split(','),
    }));
  }
  if (env.INGEST_SEC_BASE_URL && env.INGEST_SEC_USER_AGENT && env.INGEST_SEC_COMPANIES) {
    const companies = Object.fromEntries(env.INGEST_SEC_COMPANIES.split(',').map((pair) => pair.split(':') as [string, string]));
    adapters.push(new SecEdgarCompanyFactsAdapter({ baseUrl: env.INGEST_SEC_BASE_URL, userAgent: env.INGEST_SEC_USER_AGENT, companies }));
  }
  return adapters;
}
