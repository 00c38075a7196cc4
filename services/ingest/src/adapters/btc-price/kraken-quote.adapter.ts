import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type BtcPriceObservation } from '../observation.types';
import { resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { requireArray, requireObject } from '../shared/parse.util';
import { PollingAdapter, type PollSink } from '../shared/polling-adapter';
import { parseBtcUsd } from './btc-quote.util';

export interface KrakenQuoteAdapterConfig extends AdapterCommonConfig {
  /** Kraken REST root, e.g. `https://api.kraken.com`. */
  baseUrl: string;
  /** Default 'XBTUSD' (Kraken answers under its own name, e.g. 'XXBTZUSD'). */
  pair?: string;
}

/** Kraken error codes that mean "slow down" or "try later" rather than "your request is wrong". */
const THROTTLED = /^(EAPI:Rate limit exceeded|EGeneral:Too many requests|EService:Throttled)/;
const UNAVAILABLE = /^EService:(Unavailable|Busy)/;

/**
 * Kraken public ticker: `GET /0/public/Ticker?pair=XBTUSD` →
 * `{"error":[],"result":{"XXBTZUSD":{"c":["67187.3","0.01"],…}}}`. Errors come as HTTP 200 with
 * a non-empty `error` array. `c[0]` (last trade price) is a string. The ticker carries no time, so
 * the event time is the response's Date header (Kraken's clock, 1 s resolution).
 */
export class KrakenQuoteAdapter extends PollingAdapter {
  private readonly pair: string;

  constructor(config: KrakenQuoteAdapterConfig) {
    super(resolveCommonConfig(config, { sourceId: SourceIds.kraken, pollIntervalMs: 30_000 }));
    this.pair = config.pair ?? 'XBTUSD';
    if (!/^[A-Z0-9]{5,12}$/.test(this.pair)) throw AdapterException.config('pair', 'must be a Kraken pair name such as XBTUSD');
  }

  protected async collect(now: Date, sink: PollSink): Promise<void> {
    const { response, json } = await this.http.getJson('0/public/Ticker', { pair: this.pair });
    const body = requireObject('ticker', json);
    const errors = requireArray('error', body.error ?? []).map(String);
    if (errors.length > 0) {
      const joined = errors.join('; ');
      if (errors.some((e) => THROTTLED.test(e))) throw new AdapterException(AdapterExceptionCode.RATE_LIMITED, `Kraken (HTTP ${response.status}): ${joined}`, { status: response.status });
      if (errors.some((e) => UNAVAILABLE.test(e))) throw new AdapterException(AdapterExceptionCode.SERVER_ERROR, `Kraken (HTTP ${response.status}): ${joined}`, { status: response.status });
      throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `Kraken: ${joined}`, { status: response.status });
    }
    const result = requireObject('result', body.result);
    const pairs = Object.keys(result);
    if (pairs.length === 0) throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, `Kraken returned no ticker for ${this.pair}`);
    if (pairs.length > 1) throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `Kraken returned ${pairs.length} tickers for ${this.pair}: ${pairs.join(', ')}`);
    const ticker = requireObject(`result.${pairs[0]}`, result[pairs[0]]);
    const last = requireArray(`result.${pairs[0]}.c`, ticker.c);
    let eventTime = response.date;
    if (!eventTime) {
      eventTime = now;
      sink.issue({ code: AdapterExceptionCode.PROVIDER_ERROR, key: 'BTC-USD', message: 'no Date header: the quote is timed by the poll instead' });
    }
    sink.add({
      kind: 'btc-price',
      source: this.source,
      key: 'BTC-USD',
      eventTime,
      priceUsd: parseBtcUsd(`result.${pairs[0]}.c[0]`, last[0]),
    } satisfies BtcPriceObservation);
  }
}
