import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDailyHistoryCsv } from './daily-history-csv.parser';

const BUNDLED = join(__dirname, '..', '..', '..', '..', 'data', 'reference', 'network-daily.csv');
const options = { source: 'coinmetrics-community' };

describe('parseDailyHistoryCsv', () => {
  it('given the bundled Coin Metrics history, makes a price and a snapshot per day with derived heights', () => {
    const parsed = parseDailyHistoryCsv(readFileSync(BUNDLED, 'utf8'), options);
    expect(parsed.violations).toEqual([]);
    expect(parsed.records).toHaveLength(2_555);
    const [first] = parsed.records;
    // 2019-01-01: 149 blocks from height 556,464; hashrate 41,615,985.27 TH/s; fees 11.26348285 BTC.
    expect(first.observations[0]).toEqual({ kind: 'btc-price', source: 'coinmetrics-community', pair: 'BTC-USD', eventTime: new Date('2019-01-01T23:59:59Z'), priceUsd: 3808.11783167738 });
    expect(first.observations[1]).toMatchObject({ kind: 'network-snapshot', height: 556_464 + 149 - 1, feesPerBlockSats: Math.round(1_126_348_285 / 149), feeWindowBlocks: 149 });
    const difficulty = (first.observations[1] as { difficulty: number }).difficulty;
    expect(difficulty).toBeCloseTo((41_615_985.2733756 * 1e12 * 86_400) / (2 ** 32 * 149), 0);
    // Epoch 276 (heights 556,416…558,431): 5,883,988,430,955.408 / 1.047235 (difficulty-epochs.csv, epoch 277's change).
    expect(difficulty / 5_618_595_848_853).toBeCloseTo(1, 6);
    // Heights chain: each day starts where the previous one ended.
    const heights = parsed.records.map((r) => (r.observations[1] as { height: number }).height);
    const blocks = parsed.records.map((r) => Number(r.raw.blocks));
    for (let i = 1; i < heights.length; i++) expect(heights[i] - heights[i - 1]).toBe(blocks[i]);
  });

  it('takes difficulty, fees per block and heights from their own columns when given', () => {
    const parsed = parseDailyHistoryCsv('Date,Price_USD,blocks,difficulty,fees_per_block_sats,height\n2024-05-01,60000,144,8.8e13,2500000,841000\n', { source: 'x' });
    expect(parsed.violations).toEqual([]);
    expect(parsed.records[0].observations[1]).toMatchObject({ height: 841_000, difficulty: 8.8e13, feesPerBlockSats: 2_500_000, feeWindowBlocks: 144 });
  });

  it('makes price-only observations from a file with only date and price_usd', () => {
    const parsed = parseDailyHistoryCsv('date,price_usd\n2024-05-01,60000\n2024-05-02,\n2024-05-03,61000\n', { source: 'x' });
    expect(parsed.records.map((r) => r.observations.map((o) => o.kind))).toEqual([['btc-price'], ['btc-price']]);
  });

  it('needs a first height when the file starts on an unknown day and has no height column', () => {
    const csv = 'date,price_usd,hashrate_ths,blocks,fees_btc\n2024-05-01,60000,6e8,144,3.1\n';
    expect(parseDailyHistoryCsv(csv, { source: 'x' }).violations).toEqual([expect.objectContaining({ line: 2, field: 'height', rule: 'derivable' })]);
    expect(parseDailyHistoryCsv(csv, { source: 'x', firstHeight: 841_000 }).records[0].observations[1]).toMatchObject({ height: 841_143 });
  });

  it('names the line, column and rule of every broken row', () => {
    const csv = ['date,price_usd,hashrate_ths,blocks,fees_btc', '2019-01-01,3808,4.1e7,149,11.2', '2019-01-02,abc,4.2e7,151,18.1', '2019-01-02,3900,4.2e7,151,18.1', '2019-01-04,3900,4.2e7,0,18.1', '2019-01-05,1,2'].join('\n');
    expect(parseDailyHistoryCsv(csv, options).violations.map((v) => [v.line, v.field, v.rule])).toEqual([
      [3, 'price_usd', 'isNumber'],
      [4, 'date', 'ascending'],
      [5, 'blocks', 'isPositiveInteger'],
      [6, '(row)', 'columns'],
    ]);
  });

  it('refuses a day that does not exist (2015-02-30) instead of rolling it over to March', () => {
    const { records, violations } = parseDailyHistoryCsv('date,price_usd\n2015-02-28,250\n2015-02-30,251\n', { source: 's' });
    expect(violations).toEqual([expect.objectContaining({ line: 3, field: 'date', rule: 'isDate' })]);
    expect(records.map((r) => r.date)).toEqual(['2015-02-28']);
  });

  it('refuses a month or day that no calendar has (2019-13-01, 2019-01-32) with a violation, not a thrown RangeError', () => {
    const { records, violations } = parseDailyHistoryCsv('date,price_usd\n2019-13-01,3808\n2019-01-32,3809\n', { source: 's' });
    expect(records).toEqual([]);
    expect(violations).toEqual([
      { line: 2, field: 'date', rule: 'isDate', message: 'must be a YYYY-MM-DD date' },
      { line: 3, field: 'date', rule: 'isDate', message: 'must be a YYYY-MM-DD date' },
    ]);
  });

  it('refuses a header without the needed columns', () => {
    expect(parseDailyHistoryCsv('day,close\n', options).violations).toEqual([expect.objectContaining({ line: 1, field: 'date' })]);
    expect(parseDailyHistoryCsv('date,close\n', options).violations).toEqual([expect.objectContaining({ line: 1, rule: 'columns' })]);
  });
});
