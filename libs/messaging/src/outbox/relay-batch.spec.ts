import { randomBytes } from 'node:crypto';
import { compressedBytes, rowBytes, withinBytes, withinCompressedBytes } from './relay-batch';

const row = (payloadBytes: number, key = 'RIOT') => ({ partition_key: key, headers: { ce_id: 'abc' }, payload: Buffer.alloc(payloadBytes) });

describe('relay batch size', () => {
  it('counts key, value and header bytes', () => {
    expect(rowBytes(row(100))).toBe(4 + 100 + 'ce_id'.length + 'abc'.length);
  });

  it('cuts the batch before it passes the byte limit, keeping order', () => {
    const rows = [row(400), row(400), row(400)];
    const one = rowBytes(rows[0]);
    expect(withinBytes(rows, one * 2)).toEqual(rows.slice(0, 2));
    expect(withinBytes(rows, one * 2 - 1)).toEqual(rows.slice(0, 1));
    expect(withinBytes(rows, one * 3)).toEqual(rows);
  });

  it('sends a single row larger than the limit alone rather than never', () => {
    const rows = [row(5_000), row(10)];
    expect(withinBytes(rows, 1_000)).toEqual([rows[0]]);
    expect(withinBytes([], 1_000)).toEqual([]);
  });

  it('keeps 411 valuations of 11 kB (the batch that stalled a relay) under the broker limit of 1 MiB', () => {
    const rows = Array.from({ length: 500 }, () => row(11_000));
    const batch = withinBytes(rows, 512 * 1024);
    expect(batch.length).toBeLessThan(rows.length);
    expect(batch.reduce((sum, r) => sum + rowBytes(r), 0)).toBeLessThanOrEqual(512 * 1024);
  });

  it('given compressible valuations, when cut for a compressed send, then far more than 512 KiB of them go in one batch, and its gzip estimate stays under the limit', () => {
    // Text-like payloads (as protobuf with JSON text), each different.
    const valuation = (i: number) => ({ partition_key: 'RIOT', headers: { ce_id: `id-${i}` }, payload: Buffer.from(JSON.stringify({ i, metrics: Array.from({ length: 300 }, (_, k) => ({ name: `metric${k}`, value: k * i })) })) });
    const rows = Array.from({ length: 500 }, (_, i) => valuation(i));
    const batch = withinCompressedBytes(rows, 8 * 1024 * 1024, 512 * 1024);
    expect(batch.reduce((sum, r) => sum + rowBytes(r), 0)).toBeGreaterThan(512 * 1024);
    expect(compressedBytes(batch)).toBeLessThanOrEqual(512 * 1024);
  });

  it('given incompressible payloads, when cut for a compressed send, then the batch is halved until its estimate fits', () => {
    const rows = Array.from({ length: 64 }, () => ({ partition_key: 'k', headers: {}, payload: randomBytes(64 * 1024) }));
    const batch = withinCompressedBytes(rows, 8 * 1024 * 1024, 512 * 1024);
    expect(batch.length).toBeLessThan(rows.length);
    expect(compressedBytes(batch)).toBeLessThanOrEqual(512 * 1024);
    expect(batch).toEqual(rows.slice(0, batch.length));
  });
});
