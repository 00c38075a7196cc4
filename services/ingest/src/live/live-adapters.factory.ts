import {
  AlphaVantageEquityAdapter, BtcReferencePriceAdapter, CoinbaseQuoteAdapter, CoinGeckoQuoteAdapter, EiaRetailPriceAdapter, ErcotSettlementPriceAdapter,
  FinnhubQuoteAdapter, KrakenQuoteAdapter, MempoolNetworkAdapter, SecEdgarCompanyFactsAdapter, StooqDailyAdapter, type SourceAdapter,
} from '../adapters';
import type { IngestEnv } from '../config/ingest.config';
import { readHistoryCiks } from './history-ciks.reader';

/**
 * The adapters the configuration enables: each only when its base URL is set. Fails fast on a bad setting.
 * `warn` hears what was left out without failing (a company history without a CIK).
 */
export function createLiveAdapters(env: IngestEnv, warn: (message: string) => void = (message) => process.emitWarning(message)): SourceAdapter[] {
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
  const secUserAgent = env.INGEST_SEC_USER_AGENT ?? (env.INGEST_SEC_CONTACT_EMAIL ? `hashdesk ${env.INGEST_SEC_CONTACT_EMAIL}` : undefined);
  if (env.INGEST_SEC_BASE_URL && secUserAgent) {
    const companies = secCompanies(env, warn);
    if (Object.keys(companies).length > 0) adapters.push(new SecEdgarCompanyFactsAdapter({ baseUrl: env.INGEST_SEC_BASE_URL, userAgent: secUserAgent, companies }));
    else warn('SEC EDGAR adapter off: no company with a CIK (INGEST_SEC_COMPANIES unset and no history with a cik)');
  }
  return adapters;
}

/** Ticker → CIK: the explicit INGEST_SEC_COMPANIES pairs, else every researched history that has a CIK. */
function secCompanies(env: IngestEnv, warn: (message: string) => void): Record<string, string> {
  if (env.INGEST_SEC_COMPANIES) return Object.fromEntries(env.INGEST_SEC_COMPANIES.split(',').map((pair) => pair.split(':') as [string, string]));
  const { companies, skipped } = readHistoryCiks(env.INGEST_SEC_HISTORY_DIR);
  for (const { file, reason } of skipped) warn(`SEC EDGAR: company history ${file} skipped: ${reason}`);
  return companies;
}
