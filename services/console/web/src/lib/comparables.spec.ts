import { bubbleSizePx, chooseCostDefinition, parseColumns, scatterPoints, sortRows, type ComparableRow } from './comparables';

const company = (ticker: string, figures: Record<string, number | null>): ComparableRow => ({ ticker, name: ticker, asOf: '2025-12-29T23:59:59Z', ...figures });

describe('comparables → table and scatter', () => {
  const rows = [
    company('MARA', { evPerOperatingEhUsd: 119e6, powerCostPerBtcUsd: 41_192, allInCostPerBtcUsd: null, hashrateAtWorkEhs: 26.3 }),
    company('RIOT', { evPerOperatingEhUsd: null, powerCostPerBtcUsd: 24_231, allInCostPerBtcUsd: null, hashrateAtWorkEhs: 32.2 }),
    company('CLSK', { evPerOperatingEhUsd: 101e6, powerCostPerBtcUsd: 30_000, allInCostPerBtcUsd: null, hashrateAtWorkEhs: 45.6 }),
  ];

  it('sorts unknown values last in either order, ties by ticker', () => {
    expect(sortRows(rows, 'evPerOperatingEhUsd', 'desc').map((r) => r.ticker)).toEqual(['MARA', 'CLSK', 'RIOT']);
    expect(sortRows(rows, 'evPerOperatingEhUsd', 'asc').map((r) => r.ticker)).toEqual(['CLSK', 'MARA', 'RIOT']);
    expect(sortRows(rows, 'allInCostPerBtcUsd', 'asc').map((r) => r.ticker)).toEqual(['CLSK', 'MARA', 'RIOT']);
  });

  it('keeps chosen columns that exist, ticker first and once', () => {
    expect(parseColumns('name,bogus,ticker,mNavBasic,name')).toEqual(['ticker', 'name', 'mNavBasic']);
  });

  it('plots only companies with EV/EH, the chosen cost and a hashrate, and names the others', () => {
    expect(scatterPoints(rows, 'powerCostPerBtcUsd')).toEqual({
      points: [{ ticker: 'MARA', evPerEhUsd: 119e6, costPerBtcUsd: 41_192, hashrateEhs: 26.3 }, { ticker: 'CLSK', evPerEhUsd: 101e6, costPerBtcUsd: 30_000, hashrateEhs: 45.6 }],
      leftOut: ['RIOT'],
    });
  });

  it('falls back from the default all-in cost to the best-known definition only when no company has all-in', () => {
    expect(chooseCostDefinition(rows, 'allInCostPerBtcUsd', true)).toMatchObject({ definition: { key: 'powerCostPerBtcUsd' }, fellBack: true });
    expect(chooseCostDefinition(rows, 'allInCostPerBtcUsd', false)).toMatchObject({ definition: { key: 'allInCostPerBtcUsd' }, fellBack: false });
  });

  it('sizes bubbles by area: four times the hashrate, twice the diameter', () => {
    expect(bubbleSizePx(40, 40)).toBe(60);
    expect(bubbleSizePx(10, 40)).toBe(30);
    expect(bubbleSizePx(0.01, 40)).toBe(8);
  });
});
