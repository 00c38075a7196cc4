import fc from 'fast-check';
import { sumOfTheParts } from './sum-of-the-parts';

describe('sum of the parts', () => {
  it('given mining $1.0B, HPC $2.0B, 1,000 BTC at $100,000, debt $0.5B and cash $0.2B over 100M shares at $25, when summed, then equity is $2.8B, $28/share, 12 % above the price (hand)', () => {
    const r = sumOfTheParts({ miningValueUsd: 1e9, hpcValueUsd: 2e9, btcHeld: 1_000, btcPriceUsd: 100_000, cashUsd: 0.2e9, totalDebtUsd: 0.5e9, sharesOutstanding: 100e6, sharePriceUsd: 25 });
    expect(r.netDebtUsd).toBeCloseTo(0.3e9, 0);
    expect(r.equityValueUsd).toBeCloseTo(2.8e9, 0);
    expect(r.equityValuePerShareUsd).toBeCloseTo(28, 12);
    expect(r.upsideToSharePriceRatio).toBeCloseTo(0.12, 12);
  });

  it('given any parts, when summed, then equity = mining + HPC + BTC − (debt + preferred − cash) and per-share × shares = equity (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 1_000, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 2e9 }),
        (mining, hpc, btc, price, cash, debt, preferred, shares) => {
          const r = sumOfTheParts({ miningValueUsd: mining, hpcValueUsd: hpc, btcHeld: btc, btcPriceUsd: price, cashUsd: cash, totalDebtUsd: debt, preferredEquityUsd: preferred, sharesOutstanding: shares });
          const expected = mining + hpc + btc * price - (debt + preferred - cash);
          expect(Math.abs(r.equityValueUsd - expected)).toBeLessThanOrEqual(1e-6 * (Math.abs(mining) + hpc + btc * price + debt + preferred + cash + 1));
          expect(r.equityValuePerShareUsd * shares).toBeCloseTo(r.equityValueUsd, 0);
          expect(r.upsideToSharePriceRatio).toBeNull();
        },
      ),
    );
  });

  it('given zero shares, when summed, then the error names sharesOutstanding', () => {
    expect(() => sumOfTheParts({ miningValueUsd: 1, hpcValueUsd: 0, btcHeld: 0, btcPriceUsd: 1, cashUsd: 0, totalDebtUsd: 0, sharesOutstanding: 0 })).toThrow('sharesOutstanding: must be greater than 0');
  });
});
