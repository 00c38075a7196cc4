import 'reflect-metadata';
import { parseNdjsonBatch } from './ndjson-batch.parser';

const price = { kind: 'btc-price', priceUsd: 87_133.51, observedAt: '2025-12-29T23:59:59Z' };
const network = { kind: 'network-snapshot', height: 930_086, difficulty: 148.26e12, feesBtcPerBlock: 0.0182, observedAt: '2025-12-29T23:59:59Z', source: 'desk-a' };
const ndjson = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('parseNdjsonBatch', () => {
  it('given good lines, reads each into an observation with its line number', () => {
    const parsed = parseNdjsonBatch(ndjson(price, '', network, ''));
    expect(parsed.violations).toEqual([]);
    expect(parsed.records.map((r) => [r.line, r.observation.kind, r.observation.source])).toEqual([
      [1, 'btc-price', 'push:api'],
      [3, 'network-snapshot', 'push:desk-a'],
    ]);
    expect(parsed.records[1].observation).toMatchObject({ feesPerBlockSats: 1_820_000, feeWindowBlocks: 144 });
  });

  it('names the line, field and rule of every broken record', () => {
    const parsed = parseNdjsonBatch(ndjson(price, { ...price, priceUsd: 'cheap' }, '{not json', { ...price, kind: 'trade' }, { ...network, feesPerBlockSats: 5 }, { ...price, extra: 1 }));
    expect(parsed.violations.map((v) => [v.line, v.field, v.rule])).toEqual([
      [2, 'priceUsd', 'isNumber'],
      [3, '(record)', 'isJson'],
      [4, 'kind', 'isIn'],
      [5, 'feesPerBlockSats', 'exactlyOne'],
      [6, 'extra', 'whitelistValidation'],
    ]);
    expect(parsed.records.map((r) => r.line)).toEqual([1]);
  });

  it('leaves range rules to plausibility: a negative price reads, so that it can be quarantined', () => {
    const parsed = parseNdjsonBatch(ndjson({ ...price, priceUsd: -1 }));
    expect(parsed.violations).toEqual([]);
    expect(parsed.records[0].observation).toMatchObject({ priceUsd: -1 });
  });

  it('refuses an empty batch', () => {
    expect(parseNdjsonBatch('\n\n').violations).toEqual([expect.objectContaining({ rule: 'notEmpty' })]);
  });
});
