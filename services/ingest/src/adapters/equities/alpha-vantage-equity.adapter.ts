import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type EquityDailyBarObservation, type EquityQuoteObservation } from '../observation.types';
import { requirePositiveInteger, requireSecret, requireTickers, resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { parseNonNegative, parsePercentText, parsePositive, requireObject } from '../shared/parse.util';
import { PollingAdapter, isEntityLevelError, type PollSink } from '../shared/polling-adapter';
import { parseIsoDate } from '../shared/time.util';
import { checkChangePct, sessionCloseUtc } from './equity-session.util';

export type AlphaVantageFunction = 'GLOBAL_QUOTE' | 'TIME_SERIES_DAILY';

export interface AlphaVantageEquityAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://www.alphavantage.co`. */
  baseUrl: string;
  apiKey: string;
  tickers: readonly string[];
  /** Default both. Each costs one request per ticker per poll. */
  functions?: readonly AlphaVantageFunction[];
  /** Newest daily bars emitted per ticker (default 5). */
  barsPerPoll?: number;
}

/** The key holding the data for each function; its absence (or emptiness) is how throttling shows. */
const DATA_KEY: Record<AlphaVantageFunction, string> = { GLOBAL_QUOTE: 'Global Quote', TIME_SERIES_DAILY: 'Time Series (Daily)' };
/** Keys Alpha Vantage answers with instead of data when it throttles (HTTP 200): 'Information' now, 'Note' formerly. */
const THROTTLE_KEYS = ['Information', 'Note'];

/**
 * Alpha Vantage (docs/data-sources.md §8): GLOBAL_QUOTE (latest price, all strings, change
 * percent as "1.23%") and TIME_SERIES_DAILY (daily bars). Throttling comes as HTTP 200 with
 * `Information` (formerly `Note`) and no data key: detected by the missing data key, not by the
 * message text; it stops the poll at once (the quota is per day) and backs off. Defaults: one poll
 * every 6 h, backoff from 15 min up to 6 h. Keep tickers × functions × polls per day under the
 * plan's quota (25 a day on the free tier).
 */
export class AlphaVantageEquityAdapter extends PollingAdapter {
  private readonly apiKey: string;
  private readonly tickers: string[];
  private readonly functions: readonly AlphaVantageFunction[];
  private readonly barsPerPoll: number;

  constructor(config: AlphaVantageEquityAdapterConfig) {
    super(
      resolveCommonConfig({ ...config, backoff: { initialDelayMs: 15 * 60_000, maxDelayMs: 6 * 3_600_000, ...config.backoff } }, { sourceId: SourceIds.alphaVantage, pollIntervalMs: 6 * 3_600_000 }),
      { secretQueryParams: ['apikey'] },
    );
    this.apiKey = requireSecret('apiKey', config.apiKey);
    this.tickers = requireTickers('tickers', config.tickers);
    this.functions = config.functions ?? ['GLOBAL_QUOTE', 'TIME_SERIES_DAILY'];
    if (this.functions.length === 0 || this.functions.some((fn) => !(fn in DATA_KEY))) throw AdapterException.config('functions', 'must list GLOBAL_QUOTE and/or TIME_SERIES_DAILY');
    this.barsPerPoll = requirePositiveInteger('barsPerPoll', config.barsPerPoll ?? 5);
  }

  protected async collect(now: Date, sink: PollSink): Promise<void> {
    for (const ticker of this.tickers) {
      for (const fn of this.functions) {
        try {
          const data = await this.fetchData(fn, ticker);
          if (fn === 'GLOBAL_QUOTE') sink.add(this.quote(ticker, data, now));
          else sink.add(...this.dailyBars(ticker, data));
        } catch (error) {
          if (!isEntityLevelError(error)) throw error;
          sink.issueFrom(error, ticker);
        }
      }
    }
  }

  /** The function's data object, or a typed error: RATE_LIMITED (disguised), PROVIDER_ERROR, UNKNOWN_SYMBOL, MALFORMED_BODY. */
  private async fetchData(fn: AlphaVantageFunction, ticker: string): Promise<Record<string, unknown>> {
    const query = fn === 'TIME_SERIES_DAILY' ? { function: fn, symbol: ticker, outputsize: 'compact', apikey: this.apiKey } : { function: fn, symbol: ticker, apikey: this.apiKey };
    const { response, json } = await this.http.getJson('query', query);
    const body = requireObject(fn, json);
    const data = body[DATA_KEY[fn]];
    if (data === undefined) {
      const throttleKey = THROTTLE_KEYS.find((key) => key in body);
      if (throttleKey) {
        throw new AdapterException(AdapterExceptionCode.RATE_LIMITED, `Alpha Vantage ${fn} ${ticker}: no "${DATA_KEY[fn]}", "${throttleKey}": ${String(body[throttleKey]).slice(0, 160)}`, { status: response.status });
      }
      if ('Error Message' in body) throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `Alpha Vantage ${fn} ${ticker}: ${String(body['Error Message']).slice(0, 160)}`);
      throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `Alpha Vantage ${fn} ${ticker}: no "${DATA_KEY[fn]}" (keys: ${Object.keys(body).join(', ') || 'none'})`);
    }
    const object = requireObject(DATA_KEY[fn], data);
    if (Object.keys(object).length === 0) throw new AdapterException(AdapterExceptionCode.UNKNOWN_SYMBOL, `Alpha Vantage ${fn}: empty "${DATA_KEY[fn]}" for ${ticker} (unknown symbol)`);
    return object;
  }

  private quote(ticker: string, quote: Record<string, unknown>, now: Date): EquityQuoteObservation {
    const field = (name: string) => `Global Quote.${name}`;
    if (quote['01. symbol'] !== ticker) throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `Alpha Vantage answered for ${String(quote['01. symbol'])}, asked for ${ticker}`, { field: field('01. symbol') });
    const priceUsd = parsePositive(field('05. price'), quote['05. price']);
    const previousCloseUsd = parsePositive(field('08. previous close'), quote['08. previous close']);
    const tradingDay = parseIsoDate(field('07. latest trading day'), quote['07. latest trading day']);
    const close = sessionCloseUtc(field('07. latest trading day'), tradingDay);
    return {
      kind: 'equity-quote',
      source: this.source,
      key: ticker,
      // Only a date is given: the quote is as of that day's close, or of now while the session is open.
      eventTime: close.getTime() < now.getTime() ? close : now,
      priceUsd,
      previousCloseUsd,
      changePct: checkChangePct(field('10. change percent'), parsePercentText(field('10. change percent'), quote['10. change percent']), priceUsd, previousCloseUsd),
      tradingDay,
    };
  }

  private dailyBars(ticker: string, series: Record<string, unknown>): EquityDailyBarObservation[] {
    return Object.keys(series)
      .sort()
      .slice(-this.barsPerPoll)
      .map((day) => {
        const field = (name: string) => `Time Series (Daily).${day}.${name}`;
        const tradingDay = parseIsoDate(`Time Series (Daily).${day}`, day);
        const bar = requireObject(`Time Series (Daily).${day}`, series[day]);
        return {
          kind: 'equity-daily-bar',
          source: this.source,
          key: ticker,
          eventTime: sessionCloseUtc(`Time Series (Daily).${day}`, tradingDay),
          tradingDay,
          openUsd: parsePositive(field('1. open'), bar['1. open']),
          highUsd: parsePositive(field('2. high'), bar['2. high']),
          lowUsd: parsePositive(field('3. low'), bar['3. low']),
          closeUsd: parsePositive(field('4. close'), bar['4. close']),
          volumeShares: parseNonNegative(field('5. volume'), bar['5. volume']),
        };
      });
  }
}
