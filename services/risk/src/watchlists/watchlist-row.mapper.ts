import type { Cell } from '@hashdesk/platform';
import type { WatchlistEntryView } from './watchlists.repository';

/*
 * The watchlist as flat rows for CSV and NDJSON: one row per stop line, the entry's fields repeated;
 * an entry without lines is one row with empty line fields. A line's definition and state differ by
 * kind (their levels carry their units in their own field names), so they stay JSON text.
 */

export const WATCHLIST_COLUMNS: readonly string[] = [
  'entryId', 'ticker', 'note', 'owner', 'entryCreatedAt', 'lineId', 'kind', 'enabled', 'breached', 'definitionJson', 'stateJson', 'lineUpdatedAt',
];

const NO_LINE = { lineId: null, kind: null, enabled: null, breached: null, definitionJson: null, stateJson: null, lineUpdatedAt: null };

export function watchlistRows(entries: readonly WatchlistEntryView[]): Array<Record<string, Cell>> {
  return entries.flatMap((e): Array<Record<string, Cell>> => {
    const entry = { entryId: e.entryId, ticker: e.ticker, note: e.note, owner: e.owner, entryCreatedAt: new Date(e.createdAt).toISOString() };
    if (e.lines.length === 0) return [{ ...entry, ...NO_LINE }];
    return e.lines.map((l) => ({
      ...entry,
      lineId: l.lineId,
      kind: l.kind,
      enabled: l.enabled,
      breached: l.breached,
      definitionJson: JSON.stringify(l.definition),
      stateJson: JSON.stringify(l.state),
      lineUpdatedAt: new Date(l.updatedAt).toISOString(),
    }));
  });
}
