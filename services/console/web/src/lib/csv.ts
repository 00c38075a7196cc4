// CSV for the "data as CSV" buttons (RFC 4180 quoting; numbers unformatted so a spreadsheet reads them).
export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [columns, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a chart id and the page state: "network-hashprice-2025-12-29.csv". */
export function downloadName(chartId: string, extension: 'csv' | 'png', day = new Date().toISOString().slice(0, 10)): string {
  return `hashdesk-${chartId.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}-${day}.${extension}`;
}
