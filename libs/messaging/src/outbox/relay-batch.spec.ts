import { rowBytes, withinBytes } from './relay-batch';

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
});
