import fc from 'fast-check';
import { resolveMarket, type MarketInputs } from '../companies/market-inputs';
import { applyMarketShock, STANDARD_SHOCKS } from './market-shock';

const market: MarketInputs = { btcPriceUsd: 100_000, difficulty: 150e12, height: 930_000, feesBtcPerBlock: 0.025, sharePriceUsd: 20 };

describe('market shocks', () => {
  it('given −20 % price, +10 % difficulty, −50 % fees and +30 % power, when applied, then each driver moves by its ratio and nothing else changes', () => {
    const shocked = applyMarketShock(market, { btcPriceChangeRatio: -0.2, difficultyChangeRatio: 0.1, feesChangeRatio: -0.5, powerPriceChangeRatio: 0.3 });
    expect(shocked).toEqual({ btcPriceUsd: 80_000, difficulty: 165e12, height: 930_000, feesBtcPerBlock: 0.0125, sharePriceUsd: 20, powerPriceFactor: 1.3 });
  });

  it('given a height, when the halving shock is applied, then the height moves to the next halving (1,050,000) and the subsidy halves to 1.5625 BTC; fees stay', () => {
    const shocked = resolveMarket(applyMarketShock(market, { halving: true }));
    expect(shocked.height).toBe(1_050_000);
    expect(shocked.subsidyBtc).toBe(1.5625);
    expect(shocked.feesBtcPerBlock).toBe(0.025);
  });

  it('given a subsidy of 1 sat, when the halving shock is applied, then it floors to 0 as consensus does', () => {
    const shocked = applyMarketShock({ btcPriceUsd: 1, difficulty: 1, subsidyBtc: 1e-8, feesBtcPerBlock: 0 }, { halving: true });
    expect(shocked.subsidyBtc).toBe(0);
  });

  it('given fees as a 10 % share of the reward (Hashrate Index convention), when the halving shock is applied, then fees are kept in BTC and their share rises to 1/(1+4.5) ≈ 18.2 %', () => {
    const shocked = resolveMarket(applyMarketShock({ btcPriceUsd: 1, difficulty: 1e12, subsidyBtc: 3.125, feeShareOfReward: 0.1 }, { halving: true }));
    expect(shocked.feesBtcPerBlock).toBeCloseTo(3.125 / 9, 12);
    expect(shocked.feeShareOfReward).toBeCloseTo(0.3472222 / (1.5625 + 0.3472222), 6);
  });

  it('given a shock of −100 %, when applied, then the error names the field and says ratios', () => {
    expect(() => applyMarketShock(market, { btcPriceChangeRatio: -1 })).toThrow(/^btcPriceChangeRatio: must be greater than −1/);
  });

  it('given two shocks, when applied one after the other, then price and difficulty compose multiplicatively (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.9, max: 2, noNaN: true }), fc.double({ min: -0.9, max: 2, noNaN: true }), (a, b) => {
        const twice = applyMarketShock(applyMarketShock(market, { btcPriceChangeRatio: a, difficultyChangeRatio: b }), { btcPriceChangeRatio: b, difficultyChangeRatio: a });
        expect(twice.btcPriceUsd / 100_000).toBeCloseTo((1 + a) * (1 + b), 10);
        expect(twice.difficulty / 150e12).toBeCloseTo((1 + a) * (1 + b), 10);
      }),
    );
  });

  it('given the standard stress set, when listed, then it names each driver alone and all together', () => {
    expect(STANDARD_SHOCKS.map((s) => s.name)).toEqual(['btc price −20 %', 'difficulty +10 %', 'fees −50 %', 'power price +30 %', 'halving', 'all of the above']);
  });
});
