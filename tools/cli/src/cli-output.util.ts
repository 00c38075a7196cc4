/** Rendering helpers shared by all commands: key/value tables, grids and number formatting. */

export interface CliTableRow {
  readonly label: string;
  readonly value: number | string | boolean | null | undefined;
  /** Printed after the value: `EH/s`, `$/PH/day`. */
  readonly unit?: string;
  /** Significant digits for numbers; default 6. */
  readonly digits?: number;
}

/** Numbers with thousands separators and `digits` significant digits; integers stay exact. */
export function formatNumber(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return value.toPrecision(digits);
  const decimals = abs === 0 ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.min(decimals, 20), minimumFractionDigits: 0 });
}

export function formatValue(value: CliTableRow['value'], digits?: number): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'number') return formatNumber(value, digits);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/** Two aligned columns, label and value (+ unit); rows with `value === undefined` are skipped. */
export function renderKeyValueTable(rows: readonly CliTableRow[]): string {
  const shown = rows.filter((row) => row.value !== undefined);
  const width = Math.max(0, ...shown.map((row) => row.label.length));
  const cells = shown.map((row) => [row.label.padEnd(width), formatValue(row.value, row.digits), row.unit ?? ''] as const);
  const valueWidth = Math.max(0, ...cells.map(([, value]) => value.length));
  return cells.map(([label, value, unit]) => `${label}  ${value.padStart(valueWidth)}${unit ? ` ${unit}` : ''}`.trimEnd()).join('\n');
}

/** A grid with a header row; numbers are right-aligned. For sensitivity tables and lists. */
export function renderGrid(headers: readonly string[], rows: readonly (readonly CliTableRow['value'][])[], digits = 6): string {
  const text = rows.map((row) => row.map((cell) => formatValue(cell, digits)));
  const widths = headers.map((header, column) => Math.max(header.length, ...text.map((row) => (row[column] ?? '').length)));
  const numeric = headers.map((_, column) => rows.every((row) => typeof row[column] === 'number' || row[column] == null));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...text.map(line)].join('\n');
}

/** The `--json` rendering: one object, one line, `undefined` fields dropped. */
export function renderJson(json: Readonly<Record<string, unknown>> | readonly unknown[]): string {
  return JSON.stringify(json);
}

/** Default text when a command gives none: every JSON field as a row. */
export function renderJsonAsTable(json: Readonly<Record<string, unknown>> | readonly unknown[]): string {
  if (Array.isArray(json)) return json.map((item) => JSON.stringify(item)).join('\n');
  return renderKeyValueTable(
    Object.entries(json).map(([label, value]) => ({
      label,
      value: typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as CliTableRow['value']),
    })),
  );
}
