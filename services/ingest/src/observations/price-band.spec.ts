import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDailyHistoryCsv } from '../backfill/daily-history-csv.parser';
import {
  checkPriceBand, checkPriceBandBatch, DEFAULT_PRICE_BAND_RATIO, DEFAULT_PRICE_BAND_WINDOW_DAYS, withinBand, type PriceBand, type PriceCandidate, type PricePoint } from './price-band';

const DAY_MS = 86_400_000;
const band: PriceBand = { bandRatio: 0.5, windowMs: 7 * DAY_MS };
const day = (d: number) => new Date(Date.parse('2025-01-01T23:59:59Z') + d * DAY_MS);
const point = (d: number, priceUsd: number, source = 'stored'): PricePoint => ({ source, eventTime: day(d), priceUsd });
const candidate = (d: number, priceUsd: number, stored: PriceCandidate['stored'] = {}, source = 'file'): PriceCandidate => ({ key: 'BTC-USD', ...point(d, priceUsd, source), stored });
const flagged = (violations: Map<number, unknown>) => [...violations.keys()].sort((a, b) => a - b);

describe('price band: one price against its neighbours', () => {
  it('accepts the band edges exactly and refuses just beyond them, both ways', () => {
    expect(withinBand(150, 100, 0.5)).toBe(true);
    expect(withinBand(100, 150, 0.5)).toBe(true);
    expect(withinBand(150.01, 100, 0.5)).toBe(false);
    expect(withinBand(100, 150.01, 0.5)).toBe(false);
    expect(checkPriceBand('priceUsd', 150, { before: point(-1, 100) }, band)).toEqual([]);
    expect(checkPriceBand('priceUsd', 66.66, { before: point(-1, 100) }, band)).toEqual([expect.objectContaining({ rule: 'priceBand' })]);
  });

  it('accepts the first price of an instrument (no neighbour)', () => {
    expect(checkPriceBand('priceUsd', 6_500, {}, band)).toEqual([]);
  });

  it('refuses a price far from both neighbours, naming the field, the value, both neighbours and the band', () => {
    const found = checkPriceBand('priceUsd', 6_500, { before: point(-1, 93_389.73), after: point(1, 96_851.39) }, band);
    expect(found).toEqual([{
      field: 'priceUsd',
      rule: 'priceBand',
      message: '6500 USD is outside the band ×/÷1.5 (bandRatio 0.5) of every neighbour within 7 days: '
        + '93389.73 USD at 2024-12-31T23:59:59.000Z from stored, 96851.39 USD at 2025-01-02T23:59:59.000Z from stored',
    }]);
  });

  it('accepts a real crash: far from the day before, close to the day after', () => {
    // 2020-03-11 → 03-12 → 03-13 of the bundled history: −37 %, then the next close near it.
    expect(checkPriceBand('priceUsd', 4_959.31, { before: point(-1, 7_939.34), after: point(1, 5_627.35) }, band)).toEqual([]);
    expect(checkPriceBand('priceUsd', 4_959.31, { before: point(-1, 7_939.34) }, band)).toHaveLength(1);
  });

  it('refuses against one side alone when only one neighbour exists', () => {
    expect(checkPriceBand('priceUsd', 6_500, { after: point(1, 94_000) }, band)).toHaveLength(1);
  });
});

describe('price band: a batch', () => {
  it('catches a bad row of a file against the rows around it, with nothing stored', () => {
    const rows = [candidate(-2, 95_000), candidate(-1, 93_000), candidate(0, 6_500), candidate(1, 96_000), candidate(2, 98_000)];
    const violations = checkPriceBandBatch(rows, 'priceUsd', band);
    expect(flagged(violations)).toEqual([2]);
    expect(violations.get(2)?.[0].message).toContain('93000 USD at 2024-12-31T23:59:59.000Z from file, 96000 USD at 2025-01-02T23:59:59.000Z from file');
  });

  it('does not blame the first and last rows of a file whose only batch neighbour is the bad one', () => {
    expect(flagged(checkPriceBandBatch([candidate(0, 94_000), candidate(1, 6_500), candidate(2, 96_000)], 'priceUsd', band))).toEqual([1]);
    expect(flagged(checkPriceBandBatch([candidate(0, 94_000), candidate(1, 6_500), candidate(2, 96_000), candidate(3, 6_400)], 'priceUsd', band))).toEqual([0, 1, 2, 3]); // alternating: nothing to trust
    // Past the outlier, the other good row is beyond the window: nothing left to compare with, accepted.
    expect(flagged(checkPriceBandBatch([candidate(0, 94_000), candidate(4, 6_500), candidate(8, 96_000)], 'priceUsd', { ...band, windowMs: 5 * DAY_MS }))).toEqual([1]);
  });

  it('quarantines both of two lone prices that disagree: neither can be told right', () => {
    expect(flagged(checkPriceBandBatch([candidate(0, 94_000), candidate(1, 6_500)], 'priceUsd', band))).toEqual([0, 1]);
  });

  it('prefers the nearer of a stored and a batch neighbour, and ignores neighbours beyond the window or of another instrument', () => {
    // Stored 94,000 a day before; the batch's 6,000 eight days before is beyond the window.
    expect(flagged(checkPriceBandBatch([candidate(-8, 6_000), candidate(0, 6_500, { before: point(-1, 94_000) })], 'priceUsd', band))).toEqual([1]);
    // The batch's 6,400 an hour before is nearer than the stored 94,000, so 6,500 is compared with it (and
    // the two agree: a run of wrong prices in one batch passes, the documented limit).
    const hourBefore: PriceCandidate = { key: 'BTC-USD', source: 'file', eventTime: new Date(day(0).getTime() - 3_600_000), priceUsd: 6_400, stored: { before: point(-1, 94_000) } };
    expect(flagged(checkPriceBandBatch([hourBefore, candidate(0, 6_500, { before: point(-1, 94_000) })], 'priceUsd', band))).toEqual([]);
    expect(flagged(checkPriceBandBatch([{ ...hourBefore, priceUsd: 94_500 }, candidate(0, 6_500, { before: point(-1, 94_000) })], 'priceUsd', band))).toEqual([1]);
    expect(flagged(checkPriceBandBatch([candidate(0, 6_500), { ...candidate(1, 94_000), key: 'BTC-EUR' }], 'priceUsd', band))).toEqual([]);
  });

  it('never takes an observation as its own neighbour (the same source and time twice in a batch)', () => {
    expect(flagged(checkPriceBandBatch([candidate(0, 6_500, { before: point(-1, 94_000) }), candidate(0, 6_500, { before: point(-1, 94_000) })], 'priceUsd', band))).toEqual([0, 1]);
  });

  const history = (): PriceCandidate[] => {
    const csv = readFileSync(resolve(__dirname, '..', '..', '..', '..', 'data', 'reference', 'network-daily.csv'), 'utf8');
    return parseDailyHistoryCsv(csv, { source: 'coinmetrics-community' }).records
      .flatMap((r) => r.observations)
      .flatMap((o) => (o.kind === 'btc-price' ? [{ key: o.pair, source: o.source, eventTime: o.eventTime, priceUsd: o.priceUsd, stored: {} }] : []));
  };
  const defaults: PriceBand = { bandRatio: DEFAULT_PRICE_BAND_RATIO, windowMs: DEFAULT_PRICE_BAND_WINDOW_DAYS * DAY_MS };

  it('passes the bundled BTC daily history 2019–2025 with no quarantine, as one file and a day at a time', () => {
    const prices = history();
    expect(prices).toHaveLength(2_555);
    expect(checkPriceBandBatch(prices, 'priceUsd', defaults).size).toBe(0);
    expect(checkPriceBandBatch(prices, 'priceUsd', band).size).toBe(0); // even at ×/÷1.5 as one file
    // Pushed one day at a time, each close sees only the one before it (2020-03-12 fell 1.6× in a day).
    const oneSided = prices.filter((p, i) => i > 0 && checkPriceBand('priceUsd', p.priceUsd, { before: prices[i - 1] }, defaults).length > 0);
    expect(oneSided).toEqual([]);
  });

  it('catches a typo in the bundled history: 2025-01-01 as 6,500 is the only day quarantined', () => {
    const prices = history();
    // The same file with 2025-01-01 typed as 6,500: that day alone is caught.
    const typo = prices.map((p) => (p.eventTime.toISOString() === '2025-01-01T23:59:59.000Z' ? { ...p, priceUsd: 6_500 } : p));
    expect([...checkPriceBandBatch(typo, 'priceUsd', defaults).keys()].map((i) => typo[i].eventTime.toISOString().slice(0, 10))).toEqual(['2025-01-01']);
  });
});
