import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type BtcPriceObservation } from '../observation.types';
import { resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { requireObject } from '../shared/parse.util';
import { PollingAdapter, type PollSink } from '../shared/polling-adapter';
import { epochToDate } from '../shared/time.util';
import { parseBtcUsd } from './btc-quote.util';

export interface CoinGeckoQuoteAdapterConfig extends AdapterCommonConfig {
  /** Demo/keyless `https://api.coingecko.com/api/v3`, Pro `https://pro-api.coingecko.com/api/v3`. */
  baseUrl: string;
  /** Optional: without a key the public API applies IP-based limits. */
  apiKey?: string;
  /** Which key header to send: `x-cg-demo-api-key` (default) or `x-cg-pro-api-key`. */
  plan?: 'demo' | 'pro';
}

/**
 * CoinGecko simple price (docs/data-sources.md §3, CoinGecko):
 * `GET /simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true&precision=full`
 * → `{"bitcoin":{"usd":67187.33,"last_updated_at":1711356300}}`. `last_updated_at` (s) is the
 * event time, so a cached (up to 60 s) or stale aggregate shows its age. An unknown id answers `{}`.
 */
export class CoinGeckoQuoteAdapter extends PollingAdapter {
  constructor(config: CoinGeckoQuoteAdapterConfig) {
    const header = config.plan === 'pro' ? 'x-cg-pro-api-key' : 'x-cg-demo-api-key';
    if (config.apiKey !== undefined && config.apiKey.trim() === '') throw AdapterException.config('apiKey', 'must not be blank (omit it for keyless access)');
    super(resolveCommonConfig(config, { sourceId: SourceIds.coingecko, pollIntervalMs: 60_000 }), {
      headers: config.apiKey ? { [header]: config.apiKey } : {},
      secretHeaders: [header],
    });
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    const { json } = await this.http.getJson('simple/price', { ids: 'bitcoin', vs_currencies: 'usd', include_last_updated_at: 'true', precision: 'full' });
    const body = requireObject('simple/price', json);
    if (body.status !== undefined && body.bitcoin === undefined) {
      const status = requireObject('status', body.status);
      throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `CoinGecko error ${String(status.error_code)}: ${String(status.error_message)}`);
    }
    if (body.bitcoin === undefined) throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, 'CoinGecko returned no price for bitcoin');
    const bitcoin = requireObject('bitcoin', body.bitcoin);
    sink.add({
      kind: 'btc-price',
      source: this.source,
      key: 'BTC-USD',
      eventTime: epochToDate('bitcoin.last_updated_at', bitcoin.last_updated_at),
      priceUsd: parseBtcUsd('bitcoin.usd', bitcoin.usd),
    } satisfies BtcPriceObservation);
  }
}
