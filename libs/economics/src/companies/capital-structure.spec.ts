import fc from 'fast-check';
import { enterpriseValueNetOfBtcUsd, enterpriseValueUsd, evPerEhUsd, marketCapUsd, mNavBasic, mNavEv } from './capital-structure';

describe('market value, EV and mNAV (docs/methodology.md §4.3)', () => {
  it('given Riot\'s 19,287 BTC at $114,068, when the holdings are valued, then they are ~$2.20B as Riot reported for 2025-09-30 (coinalertnews.com, Riot Q3 2025)', () => {
    const holdings = 19_287 * 114_068;
    expect(holdings).toBeCloseTo(2.2e9, -8);
    // mNAV at a hypothetical $15 share price with Riot's 371,807,186 shares (10-Q cover): 5.577e9 / 2.2e9
    expect(mNavBasic(marketCapUsd(15, 371_807_186), 19_287, 114_068)).toBeCloseTo((15 * 371_807_186) / holdings, 12);
  });

  it('given CleanSpark\'s 10,428 BTC at $114,068, when the holdings are valued, then they are $1,189M as its 10-K summary states', () => {
    expect((10_428 * 114_068) / 1e6).toBeCloseTo(1_189.5, 0);
  });

  it('given CleanSpark on 2025-09-30 (cash $46.5M, debt $821.2M, 255,583,445 shares) at $12/share, when EV is computed, then it is cap + debt − cash (hand: 3,067.0M + 821.2M − 46.5M = 3,841.7M)', () => {
    const cap = marketCapUsd(12, 255_583_445);
    expect(enterpriseValueUsd(cap, 821.2e6, 46.5e6)).toBeCloseTo(3_841.7e6, -5);
  });

  it('given any company, when the two EV variants are compared, then they differ by exactly BTC held × price (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e11, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 1_000, max: 1e6, noNaN: true }),
        (cap, debt, cash, btc, price) => {
          const ev = enterpriseValueUsd(cap, debt, cash);
          expect(ev - enterpriseValueNetOfBtcUsd(ev, btc, price)).toBeCloseTo(btc * price, 3);
          expect(enterpriseValueNetOfBtcUsd(ev, btc, price)).toBeLessThanOrEqual(ev);
        },
      ),
    );
  });

  it('given a fixed market cap and holdings, when the BTC price scales by k, then basic and EV mNAV scale by 1/k (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e6, max: 1e11, noNaN: true }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1_000, max: 1e6, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (cap, btc, price, k) => {
          expect(mNavBasic(cap, btc, price * k) * k).toBeCloseTo(mNavBasic(cap, btc, price), 6);
          expect(mNavEv(cap, btc, price * k) * k).toBeCloseTo(mNavEv(cap, btc, price), 6);
        },
      ),
    );
  });

  it('given EV $3.6B and 45.6 EH/s, when EV/EH is computed, then it is $78.9M per EH/s (hand)', () => {
    expect(evPerEhUsd(3.6e9, 45.6)).toBeCloseTo(78.947e6, -3);
  });

  it('given no BTC held, when mNAV is asked for, then the error names btcHeld', () => {
    expect(() => mNavBasic(1e9, 0, 100_000)).toThrow('btcHeld: must be greater than 0');
  });
});
