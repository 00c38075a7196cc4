import { gzipSync } from 'node:zlib';

/**
 * The broker refuses a record batch over `message.max.bytes` (1 MiB by default), and after such a refusal
 * kafkajs's idempotent producer fails every later send with an out-of-order sequence: the relay would stall
 * for good. A relay batch is therefore cut by size as well as by count. Pure, unit-tested.
 *
 * The relay sends gzip-compressed batches, and the broker's limit applies to the compressed batch: hashdesk's
 * payloads (protobuf carrying JSON text) compress about 18× (100 company valuations: 1,035,050 → 56,332 bytes).
 * So a batch may hold up to DEFAULT_RELAY_RAW_BYTES before compression, and is halved until its gzip estimate
 * fits DEFAULT_RELAY_BATCH_BYTES, which keeps an incompressible batch as safe as an uncompressed one.
 */
export const DEFAULT_RELAY_BATCH_BYTES = 512 * 1024;
export const DEFAULT_RELAY_RAW_BYTES = 8 * 1024 * 1024;

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

/** The gzip size of the rows' key, value and header bytes: what the broker receives, near enough. */
export function compressedBytes(rows: readonly SizedRow[]): number {
  const parts: Buffer[] = [];
  for (const row of rows) {
    parts.push(Buffer.from(row.partition_key), row.payload);
    for (const [name, value] of Object.entries(row.headers)) parts.push(Buffer.from(name), Buffer.from(String(value)));
  }
  return gzipSync(Buffer.concat(parts), { level: 1 }).length;
}

/**
 * The longest prefix within `maxRawBytes`, halved while its compressed estimate passes `maxCompressedBytes`;
 * never fewer than one row.
 */
export function withinCompressedBytes<T extends SizedRow>(rows: readonly T[], maxRawBytes: number, maxCompressedBytes: number): T[] {
  let batch = withinBytes(rows, maxRawBytes);
  while (batch.length > 1 && compressedBytes(batch) > maxCompressedBytes) batch = batch.slice(0, Math.ceil(batch.length / 2));
  return batch;
}
