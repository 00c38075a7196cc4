import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { assertUnreachable } from '@hashdesk/economics';

/** The output formats of the query APIs: JSON (an envelope with the page), CSV or NDJSON (rows only). */
export const OUTPUT_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type Cell = string | number | boolean | null | undefined | readonly string[];

/** What the query endpoints need of the platform's (express) response. */
export interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/** The `?format=` parameter alone (json, csv, ndjson). */
export class FormatQueryDto {
  @ApiPropertyOptional({ enum: OUTPUT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(OUTPUT_FORMATS as readonly string[], { message: `must be one of ${OUTPUT_FORMATS.join(', ')}` })
  format?: OutputFormat;
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(' | ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row; arrays are joined with " | ", null is empty. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): string {
  return [columns.map((c) => csvCell(c)).join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
}

/** One JSON object per row and line; an empty table is an empty body. */
export function toNdjson(rows: ReadonlyArray<Record<string, Cell>>): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

/**
 * The rows as CSV or NDJSON with their content type; with a file name, CSV is also offered as a
 * download (content-disposition), so a browser or `curl -OJ` saves it under that name.
 */
export function rowsBody(response: HttpResponse, format: Exclude<OutputFormat, 'json'>, columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>, fileName?: string): string {
  switch (format) {
    case 'csv':
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      if (fileName !== undefined) response.setHeader('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}.csv"`);
      return toCsv(columns, rows);
    case 'ndjson':
      response.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
      return toNdjson(rows);
    default:
      return assertUnreachable(format);
  }
}

/** Sets the content type and returns the body: the envelope with the rows as `items` for JSON, the rows alone for CSV and NDJSON. */
export function tabular<T extends Record<string, Cell>>(
  response: HttpResponse,
  format: OutputFormat,
  columns: readonly string[],
  rows: readonly T[],
  envelope: Record<string, unknown>,
  fileName?: string,
): string | Record<string, unknown> {
  return format === 'json' ? { ...envelope, items: rows } : rowsBody(response, format, columns, rows, fileName);
}
