import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { SourceIds, type EquityDailyBarObservation } from '../observation.types';
import { requirePositiveInteger, requireTickers, resolveCommonConfig, type AdapterCommonConfig } from '../shared/adapter-config';
import { parseNonNegative, parsePositive } from '../shared/parse.util';
import { PollingAdapter, isEntityLevelError, type PollSink } from '../shared/polling-adapter';
import { parseIsoDate } from '../shared/time.util';
import { sessionCloseUtc } from './equity-session.util';

export interface StooqDailyAdapterConfig extends AdapterCommonConfig {
  /** e.g. `https://stooq.com`. Keyless. */
  baseUrl: string;
  /** Tickers as tracked, e.g. ['MARA', 'RIOT', 'CLSK']. */
  tickers: readonly string[];
  /** Appended to the lower-cased ticker (default '.us': US tickers are `mara.us`). */
  symbolSuffix?: string;
  /** Newest bars emitted per ticker and poll (default 5; the CSV holds the whole history). */
  barsPerPoll?: number;
}

const HEADER = ['Date', 'Open', 'High', 'Low', 'Close'];

/**
 * Daily bars from Stooq's keyless CSV (docs/data-sources.md §9, Stooq): `GET /q/d/l/?s=mara.us&i=d`
 * → `Date,Open,High,Low,Close,Volume`, oldest first. A 200 without that header (Stooq answers
 * "No data" for an unknown symbol, and plain text when its daily limit is hit) is no data for the
 * ticker; when no ticker yields data the poll fails EMPTY_RESPONSE and backs off.
 */
export class StooqDailyAdapter extends PollingAdapter {
  private readonly tickers: string[];
  private readonly symbolSuffix: string;
  private readonly barsPerPoll: number;

  constructor(config: StooqDailyAdapterConfig) {
    super(resolveCommonConfig(config, { sourceId: SourceIds.stooq, pollIntervalMs: 6 * 3_600_000 }));
    this.tickers = requireTickers('tickers', config.tickers);
    this.symbolSuffix = config.symbolSuffix ?? '.us';
    this.barsPerPoll = requirePositiveInteger('barsPerPoll', config.barsPerPoll ?? 5);
  }

  protected async collect(_now: Date, sink: PollSink): Promise<void> {
    for (const ticker of this.tickers) {
      const symbol = `${ticker.toLowerCase()}${this.symbolSuffix}`;
      try {
        const response = await this.http.getText('q/d/l/', { s: symbol, i: 'd' }, { accept: 'text/csv' });
        const bars = parseStooqCsv(symbol, response.body);
        sink.add(...bars.slice(-this.barsPerPoll).map((bar) => ({ ...bar, source: this.source, key: ticker })));
      } catch (error) {
        if (!isEntityLevelError(error)) throw error;
        sink.issueFrom(error, ticker);
      }
    }
  }
}

type ParsedBar = Omit<EquityDailyBarObservation, 'source' | 'key'>;

export function parseStooqCsv(symbol: string, body: string): ParsedBar[] {
  const lines = body.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0]?.split(',').map((cell) => cell.trim()) ?? [];
  if (!HEADER.every((name, i) => header[i] === name)) {
    throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, `stooq ${symbol}: no CSV data (answer began ${JSON.stringify((lines[0] ?? '').slice(0, 40))})`);
  }
  const volumeColumn = header.indexOf('Volume');
  const bars = lines.slice(1).map((line, i) => {
    const at = `${symbol} line ${i + 2}`;
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== header.length) {
      throw new AdapterException(AdapterExceptionCode.MALFORMED_BODY, `${at}: ${cells.length} columns, the header has ${header.length}`, { field: at });
    }
    const tradingDay = parseIsoDate(`${at}.Date`, cells[0]);
    const bar: ParsedBar = {
      kind: 'equity-daily-bar',
      eventTime: sessionCloseUtc(`${at}.Date`, tradingDay),
      tradingDay,
      openUsd: parsePositive(`${at}.Open`, cells[1]),
      highUsd: parsePositive(`${at}.High`, cells[2]),
      lowUsd: parsePositive(`${at}.Low`, cells[3]),
      closeUsd: parsePositive(`${at}.Close`, cells[4]),
      volumeShares: volumeColumn === -1 ? null : parseNonNegative(`${at}.Volume`, cells[volumeColumn]),
    };
    if (bar.highUsd < bar.lowUsd) throw AdapterException.invalidField(`${at}.High`, `must be at least Low (${bar.lowUsd})`, cells[2]);
    return bar;
  });
  if (bars.length === 0) throw new AdapterException(AdapterExceptionCode.EMPTY_RESPONSE, `stooq ${symbol}: a header and no rows`);
  return bars.sort((a, b) => a.tradingDay.localeCompare(b.tradingDay));
}
