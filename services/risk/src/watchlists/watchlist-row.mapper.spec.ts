import type { WatchlistEntryView } from './watchlists.repository';
import { WATCHLIST_COLUMNS, watchlistRows } from './watchlist-row.mapper';

const created = new Date('2025-10-01T00:00:00Z');
const entry = (lines: WatchlistEntryView['lines']): WatchlistEntryView => ({ entryId: 'e-1', ticker: 'RIOT', note: 'core', owner: 'desk', createdAt: created, lines });

describe('watchlist rows', () => {
  it('given an entry with two lines and one without, when flattened, then there is one row per line and one for the bare entry', () => {
    const line = (lineId: string, breached: boolean) => ({
      lineId, entryId: 'e-1', ticker: 'RIOT', kind: 'fixed', definition: { kind: 'fixed' as const, entryPriceUsd: 10, dropRatio: 0.1 }, state: { breached } as never,
      breached, enabled: true, createdAt: created, updatedAt: new Date('2025-10-02T00:00:00Z'),
    });
    const rows = watchlistRows([entry([line('l-1', false), line('l-2', true)]), { ...entry([]), entryId: 'e-2' }]);
    expect(rows.map((r) => [r.entryId, r.lineId, r.breached])).toEqual([['e-1', 'l-1', false], ['e-1', 'l-2', true], ['e-2', null, null]]);
    expect(Object.keys(rows[0])).toEqual(WATCHLIST_COLUMNS);
    expect(rows[0]).toMatchObject({ entryCreatedAt: '2025-10-01T00:00:00.000Z', lineUpdatedAt: '2025-10-02T00:00:00.000Z', definitionJson: '{"kind":"fixed","entryPriceUsd":10,"dropRatio":0.1}' });
  });
});
