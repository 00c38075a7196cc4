/*
 * JSON rows → one CSV table: nested objects become dotted columns (`metrics.mNavBasic`), lists of
 * plain values are joined with " | " (as the services' own CSV does), lists of objects stay JSON in
 * one cell. Numbers are written in plain decimal, null is an empty cell, quoting follows RFC 4180.
 */

export type CsvCell = string | number | boolean | null;
export type FlatRow = Record<string, CsvCell>;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One JSON object as a flat row; `prefix` is the dotted path of the object itself. */
export function flattenRecord(record: Readonly<Record<string, unknown>>, prefix = ''): FlatRow {
  const row: FlatRow = {};
  for (const [key, value] of Object.entries(record)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) Object.assign(row, flattenRecord(value, column));
    else if (Array.isArray(value)) row[column] = value.some((item) => typeof item === 'object' && item !== null) ? JSON.stringify(value) : value.map((item) => String(item ?? '')).join(' | ');
    else if (value === undefined || value === null) row[column] = null;
    else row[column] = value as CsvCell;
  }
  return row;
}

/** Decimal without an exponent (1e-7 → 0.0000001, 1e21 → 1000000000000000000000); other numbers as JavaScript prints them. */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text) || !Number.isFinite(value)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled. */
export function csvField(cell: CsvCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'number' ? plainNumber(cell) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as CSV with one header row and CRLF line ends. Columns: `leading` first (so an empty
 * answer still has its header), then every other column in the order it first appears.
 */
export function toCsv(rows: ReadonlyArray<Readonly<Record<string, unknown>>>, leading: readonly string[] = []): string {
  const flat = rows.map((row) => flattenRecord(row));
  const columns = [...new Set([...leading, ...flat.flatMap((row) => Object.keys(row))])];
  const lines = [columns.map(csvField), ...flat.map((row) => columns.map((column) => csvField(row[column])))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}
