import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The researched company histories shipped with hashdesk (data/companies/history/FORMAT.md). */
export const BUNDLED_HISTORY_DIR = resolve(__dirname, '..', '..', '..', '..', 'data', 'companies', 'history');

export interface HistoryCiks {
  /** Ticker → CIK (digits, as the history writes it), for every history that has one. */
  companies: Record<string, string>;
  /** Files left out, and why (no CIK yet, not readable: a researcher may be writing it right now). */
  skipped: Array<{ file: string; reason: string }>;
}

const TICKER = /^[A-Z][A-Z0-9.-]{0,9}$/;
const CIK = /^\d{1,10}$/;

/**
 * Ticker → CIK from the company histories' `ticker` and `cik` fields, so the SEC adapter follows every
 * tracked company without a hand-kept list. A history without a CIK (null: not researched yet) or one
 * that cannot be read is skipped, never guessed; the others still count.
 */
export function readHistoryCiks(dir: string = BUNDLED_HISTORY_DIR): HistoryCiks {
  const result: HistoryCiks = { companies: {}, skipped: [] };
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    result.skipped.push({ file: dir, reason: `cannot list the directory: ${(error as Error).message}` });
    return result;
  }
  for (const file of files) {
    const outcome = cikOf(join(dir, file));
    if ('reason' in outcome) result.skipped.push({ file, reason: outcome.reason });
    else result.companies[outcome.ticker] = outcome.cik;
  }
  return result;
}

function cikOf(path: string): { ticker: string; cik: string } | { reason: string } {
  let history: unknown;
  try {
    history = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { reason: `not readable JSON: ${(error as Error).message}` };
  }
  if (typeof history !== 'object' || history === null) return { reason: 'not a JSON object' };
  const { ticker, cik } = history as { ticker?: unknown; cik?: unknown };
  if (typeof ticker !== 'string' || !TICKER.test(ticker)) return { reason: `ticker ${JSON.stringify(ticker)} is not a ticker` };
  if (cik === null || cik === undefined || cik === '') return { reason: 'no cik' };
  const digits = typeof cik === 'number' && Number.isSafeInteger(cik) ? String(cik) : cik;
  if (typeof digits !== 'string' || !CIK.test(digits)) return { reason: `cik ${JSON.stringify(cik)} is not up to 10 digits` };
  return { ticker, cik: digits };
}
