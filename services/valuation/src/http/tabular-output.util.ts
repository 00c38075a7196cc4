import { assertUnreachable } from '@hashdesk/economics';

/** The output formats of the query API: JSON (an envelope with the page), CSV or NDJSON (rows only). */
export const OUTPUT_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type Cell = string | number | boolean | null | undefined | readonly string[];

/** What the query endpoints need of the platform's (express) response. */
export interface HttpResponse {
  setHeader(name: string, value: string): void;
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(' | ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row; arrays are joined with " | ", null is empty. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): string {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
}

/** Sets the content type and returns the body: the envelope for JSON, the rows alone for CSV and NDJSON. */
export function tabular<T extends Record<string, Cell>>(
  response: HttpResponse,
  format: OutputFormat,
  columns: readonly string[],
  rows: readonly T[],
  envelope: Record<string, unknown>,
): string | Record<string, unknown> {
  switch (format) {
    case 'csv':
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      return toCsv(columns, rows);
    case 'ndjson':
      response.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
      return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
    case 'json':
      return { ...envelope, items: rows };
    default:
      return assertUnreachable(format);
  }
}
