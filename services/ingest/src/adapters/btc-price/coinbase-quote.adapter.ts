import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type BtcPriceObservation } from '../observation.types';
import { resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { requireObject } from '../shared/parse.util';
import { PollingAdapter, type PollSink } from '../shared/polling-adapter';
import { parseIsoInstant } from '../shared/time.util';
import { parseBtcUsd } from './btc-quote.util';

export interface CoinbaseQuoteAdapterConfig extends AdapterCommonConfig {
  /** Coinbase Exchange REST root, e.g. `https://api.exchange.coinbase.com`. */
  baseUrl: string;
}

/**
 * Coinbase Exchange ticker, public (docs/data-sources.md §4, Coinbase):
 * `GET /products/BTC-USD/ticker` → `{"price":"…","time":"…Z",…}`. Price is a string; the
 * ticker's own `time` (last trade) is the event time, which lets the reference price judge
 * staleness. (The App API spot price carries no time, so it is not used.)
 */
export class CoinbaseQuoteAdapter extends PollingAdapter {
  constructor(config: CoinbaseQuoteAdapterConfig) {
    super(resolveCommonConfig(config, { sourceId: SourceIds.coinbase, pollIntervalMs: 30_000 }));
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    const { json } = await this.http.getJson('products/BTC-USD/ticker');
    const body = requireObject('ticker', json);
    if (Object.keys(body).length === 0) throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, 'products/BTC-USD/ticker returned an empty object');
    if (body.price === undefined && typeof body.message === 'string') {
      throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `Coinbase: ${body.message}`);
    }
    sink.add({
      kind: 'btc-price',
      source: this.source,
      key: 'BTC-USD',
      eventTime: parseIsoInstant('time', body.time),
      priceUsd: parseBtcUsd('price', body.price),
    } satisfies BtcPriceObservation);
  }
}
