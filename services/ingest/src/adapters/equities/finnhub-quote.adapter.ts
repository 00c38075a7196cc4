import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type EquityQuoteObservation } from '../observation.types';
import { requireSecret, requireTickers, resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { parseDecimal, parsePositive, requireObject } from '../shared/parse.util';
import { PollingAdapter, isEntityLevelError, type PollSink } from '../shared/polling-adapter';
import { epochToDate } from '../shared/time.util';
import { checkChangePct } from './equity-session.util';

export interface FinnhubQuoteAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://finnhub.io/api/v1`. */
  baseUrl: string;
  apiKey: string;
  tickers: readonly string[];
  /** Where the key goes: the `X-Finnhub-Token` header (default, keeps it out of URLs) or the `token` query parameter (as Finnhub's documentation shows). */
  tokenIn?: 'header' | 'query';
}

/**
 * Finnhub quote (docs/data-sources.md §7): `GET /quote?symbol=MARA` →
 * `{"c":…,"d":…,"dp":…,"h":…,"l":…,"o":…,"pc":…,"t":unix_s}`. An unknown symbol answers 200 with
 * `c=0` (and t=0): reported as UNKNOWN_SYMBOL for that ticker, never a zero price. `t` is the event
 * time. Default poll 60 s (the free tier allows 60 calls a minute: keep tickers under that).
 */
export class FinnhubQuoteAdapter extends PollingAdapter {
  private readonly tickers: string[];
  private readonly apiKey: string;
  private readonly tokenIn: 'header' | 'query';

  constructor(config: FinnhubQuoteAdapterConfig) {
    const apiKey = requireSecret('apiKey', config.apiKey);
    const tokenIn = config.tokenIn ?? 'header';
    super(resolveCommonConfig(config, { sourceId: SourceIds.finnhub, pollIntervalMs: 60_000 }), {
      headers: tokenIn === 'header' ? { 'X-Finnhub-Token': apiKey } : {},
      secretHeaders: ['x-finnhub-token'],
      secretQueryParams: ['token'],
    });
    this.apiKey = apiKey;
    this.tokenIn = tokenIn;
    this.tickers = requireTickers('tickers', config.tickers);
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    for (const ticker of this.tickers) {
      try {
        const { json } = await this.http.getJson('quote', this.tokenIn === 'query' ? { symbol: ticker, token: this.apiKey } : { symbol: ticker });
        sink.add(this.quote(ticker, requireObject('quote', json)));
      } catch (error) {
        if (!isEntityLevelError(error)) throw error;
        sink.issueFrom(error, ticker);
      }
    }
  }

  private quote(ticker: string, body: Record<string, unknown>): EquityQuoteObservation {
    if (typeof body.error === 'string' && body.c === undefined) throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `Finnhub ${ticker}: ${body.error}`);
    if (Object.keys(body).length === 0) throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, `Finnhub ${ticker}: empty quote`);
    if (parseDecimal('c', body.c) === 0) throw new AdapterException(AdapterExceptionCode.UNKNOWN_SYMBOL, `Finnhub ${ticker}: c=0 (unknown symbol or no trades)`, { field: 'c' });
    const priceUsd = parsePositive('c', body.c);
    const previousCloseUsd = body.pc === null || body.pc === undefined || body.pc === 0 ? null : parsePositive('pc', body.pc);
    const reportedPct = body.dp === null || body.dp === undefined ? null : parseDecimal('dp', body.dp);
    return {
      kind: 'equity-quote',
      source: this.source,
      key: ticker,
      eventTime: epochToDate('t', body.t),
      priceUsd,
      previousCloseUsd,
      changePct: reportedPct === null || previousCloseUsd === null ? reportedPct : checkChangePct('dp', reportedPct, priceUsd, previousCloseUsd),
      tradingDay: null,
    };
  }
}
