/**
 * The broker refuses a record batch over `message.max.bytes` (1 MiB by default), and after such a refusal
 * kafkajs's idempotent producer fails every later send with an out-of-order sequence: the relay would stall
 * for good. A relay batch is therefore cut by size as well as by count. Pure, unit-tested.
 */
export const DEFAULT_RELAY_BATCH_BYTES = 512 * 1024;

export interface SizedRow {
  partition_key: string;
  headers: Record<string, string>;
  payload: Buffer;
}

/** Bytes a row puts on the wire, near enough: key, value and headers. */
export function rowBytes(row: SizedRow): number {
  let bytes = Buffer.byteLength(row.partition_key) + row.payload.length;
  for (const [name, value] of Object.entries(row.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(String(value));
  return bytes;
}

/** The longest prefix of `rows` within `maxBytes`, never fewer than one row (a single large event still goes). */
export function withinBytes<T extends SizedRow>(rows: readonly T[], maxBytes: number): T[] {
  let total = 0;
  let count = 0;
  for (const row of rows) {
    total += rowBytes(row);
    if (count > 0 && total > maxBytes) break;
    count += 1;
  }
  return rows.slice(0, count);
}
