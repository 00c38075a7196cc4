import type { Cell } from '@hashdesk/platform';

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

const unknown = (x: Cell): boolean => x === null || x === undefined;

/** Sorts table rows by one column; unknown values (null) go last whatever the order, ties by `tieKey` ascending. */
export function sortRows<T extends Record<string, Cell>>(rows: readonly T[], key: string, order: SortOrder, tieKey: string): T[] {
  const sign = order === 'asc' ? 1 : -1;
  const tie = (a: T, b: T) => String(a[tieKey] ?? '').localeCompare(String(b[tieKey] ?? ''));
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (unknown(x)) return unknown(y) ? tie(a, b) : 1;
    if (unknown(y)) return -1;
    const compared = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return compared !== 0 ? sign * compared : tie(a, b);
  });
}
