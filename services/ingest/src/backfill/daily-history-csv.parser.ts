import { scaleDecimal } from '../adapters/shared/parse.util';
import type { LineViolation } from '../observations/observation.exception';
import type { AcceptedObservation } from '../observations/observation.types';

/** Under Coin Metrics' block attribution the first block of 2019-01-01 is this height (data/reference/README.md §1). */
export const KNOWN_FIRST_HEIGHTS: Readonly<Record<string, number>> = { '2019-01-01': 556_464 };

export const DEFAULT_BACKFILL_SOURCE = 'coinmetrics-community';

export interface DailyHistoryOptions {
  /** Provider id stored with every observation. */
  source: string;
  /** Height of the first block of the file's first day, when the file has no height column. */
  firstHeight?: number;
}

export interface DailyHistoryRecord {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  date: string;
  observations: AcceptedObservation[];
  raw: Record<string, string>;
}

export interface ParsedDailyHistory {
  records: DailyHistoryRecord[];
  violations: LineViolation[];
  columns: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isCalendarDay(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
}

/**
 * Reads a daily history CSV (the Coin Metrics layout of data/reference/network-daily.csv, or any file
 * with the columns documented in services/ingest/README.md) into one btc-price observation and one
 * network snapshot per day. Each day's observations are true at the day's end (`<date>T23:59:59Z`):
 * price_usd is the day's close, and the snapshot is the chain as of the day's last block:
 *   height     = first_height(day) + blocks − 1, first_height(day) = first height + Σ blocks of earlier days
 *   difficulty = hashrate_ths · 1e12 · 86400 / (2^32 · blocks)   (the block-weighted mean of the day)
 *   fees/block = fees_btc · 1e8 / blocks, in whole satoshis, rounded half up; fee window = blocks.
 * Shape errors are collected per line; plausibility is checked later, by the record use case.
 */
export function parseDailyHistoryCsv(text: string, options: DailyHistoryOptions): ParsedDailyHistory {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const columns = (lines[0] ?? '').split(',').map((c) => c.trim().toLowerCase());
  const violations: LineViolation[] = [];
  const records: DailyHistoryRecord[] = [];
  const has = (name: string) => columns.includes(name);
  if (!has('date')) return { records, columns, violations: [{ line: 1, field: 'date', rule: 'column', message: 'the header must have a date column' }] };
  const wantsPrice = has('price_usd');
  const wantsNetwork = has('blocks') && (has('difficulty') || has('hashrate_ths'));
  if (!wantsPrice && !wantsNetwork) {
    return { records, columns, violations: [{ line: 1, field: '(header)', rule: 'columns', message: 'needs price_usd, or blocks with difficulty or hashrate_ths (see services/ingest/README.md)' }] };
  }
  let nextHeight: number | undefined = options.firstHeight;
  let previousDate: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    if (cells.length !== columns.length) {
      violations.push({ line, field: '(row)', rule: 'columns', message: `has ${cells.length} cells, the header has ${columns.length}` });
      nextHeight = undefined; // heights after a broken row cannot be derived
      continue;
    }
    const raw = Object.fromEntries(columns.map((c, k) => [c, cells[k].trim()]));
    const before = violations.length;
    const date = raw.date;
    // The day must exist: 2015-02-30 is refused, never rolled over to March; 2019-13-01 is no date at all
    // (an Invalid Date, whose toISOString throws: it was a 500).
    if (!DATE.test(date) || !isCalendarDay(date)) {
      violations.push({ line, field: 'date', rule: 'isDate', message: 'must be a YYYY-MM-DD date' });
      continue;
    }
    if (previousDate !== undefined && date <= previousDate) {
      violations.push({ line, field: 'date', rule: 'ascending', message: `must come after ${previousDate} (one row per day, oldest first)` });
    }
    previousDate = date;
    if (nextHeight === undefined && records.length === 0 && violations.length === 0) nextHeight = KNOWN_FIRST_HEIGHTS[date];
    const eventTime = new Date(`${date}T23:59:59Z`);
    const number = (field: string): number | undefined => {
      const value = raw[field];
      if (value === undefined || value === '') return undefined;
      if (!NUMBER.test(value)) {
        violations.push({ line, field, rule: 'isNumber', message: 'must be a decimal number' });
        return undefined;
      }
      return Number(value);
    };
    const observations: AcceptedObservation[] = [];
    const priceUsd = wantsPrice ? number('price_usd') : undefined;
    if (priceUsd !== undefined) observations.push({ kind: 'btc-price', source: options.source, pair: 'BTC-USD', eventTime, priceUsd });
    if (wantsNetwork) {
      const blocks = number('blocks');
      const stated = has('height') ? number('height') : undefined;
      if (blocks === undefined || !Number.isInteger(blocks) || blocks <= 0) {
        if (violations.length === before) violations.push({ line, field: 'blocks', rule: 'isPositiveInteger', message: 'must be a whole number of blocks greater than 0' });
        nextHeight = undefined;
      } else {
        const height = stated ?? (nextHeight === undefined ? undefined : nextHeight + blocks - 1);
        const difficulty = has('difficulty') && raw.difficulty !== '' ? number('difficulty') : hashrateToDifficulty(number('hashrate_ths'), blocks);
        const feesSats = has('fees_btc') ? feesInSats(raw.fees_btc, line, violations) : has('fees_per_block_sats') ? undefined : 0n;
        const feesPerBlockSats = has('fees_per_block_sats') && raw.fees_per_block_sats !== ''
          ? number('fees_per_block_sats')
          : feesSats === undefined ? undefined : Number((feesSats * 2n + BigInt(blocks)) / (BigInt(blocks) * 2n));
        if (height === undefined) {
          violations.push({ line, field: 'height', rule: 'derivable', message: 'no height column and no first height: pass --first-height (the first block height of the first day)' });
        } else if (difficulty !== undefined && feesPerBlockSats !== undefined && violations.length === before) {
          observations.push({ kind: 'network-snapshot', source: options.source, eventTime, height, difficulty, feesPerBlockSats, feeWindowBlocks: blocks });
        } else if (violations.length === before) {
          violations.push({ line, field: difficulty === undefined ? 'difficulty' : 'fees_btc', rule: 'required', message: 'is empty' });
        }
        nextHeight = height === undefined ? undefined : height + 1;
      }
    }
    if (violations.length === before && observations.length > 0) records.push({ line, date, observations, raw });
  }
  return { records, violations, columns };
}

/** The day's block-weighted mean difficulty from Coin Metrics' block-count hashrate: D = H·1e12·86400 / (2^32·blocks). */
export function hashrateToDifficulty(hashrateThs: number | undefined, blocks: number): number | undefined {
  return hashrateThs === undefined ? undefined : (hashrateThs * 1e12 * 86_400) / (2 ** 32 * blocks);
}

function feesInSats(value: string | undefined, line: number, violations: LineViolation[]): bigint | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    const sats = scaleDecimal('fees_btc', value, 8);
    if (!Number.isFinite(sats)) throw new Error('not finite');
    return BigInt(Math.round(sats));
  } catch {
    violations.push({ line, field: 'fees_btc', rule: 'isNumber', message: 'must be a decimal number of BTC' });
    return undefined;
  }
}
