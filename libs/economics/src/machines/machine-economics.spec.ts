import fc from 'fast-check';
import { rewardBtcPerBlockFromFeeToSubsidyRatio } from '../hashprice/block-reward';
import { hashpriceBtcPerPhDay } from '../hashprice/hashprice';
import { EconomicsInputError } from '../shared/economics-input.error';
import {
  breakevenHashpriceUsdPerPhDay,
  breakevenPowerUsdPerKwh,
  efficiencyJth,
  machineEconomics,
  machineEnergyKwhPerDay,
  machinePowerCostUsdPerDay,
  machineRevenueUsdPerDay,
  paybackDays,
  shutdownPriceUsd,
  usdPerTh,
} from './machine-economics';

describe('machine economics against a published shutdown price (docs/methodology.md §3.1)', () => {
  // ViaBTC / F2Pool shutdown-price post (reproduced at bitcoingarden.org/forum/index.php?topic=107490.0, data of
  // 2021-08-26): Antminer S19 95 TH/s @ 3,250 W, $0.077/kWh, D = 17.62T, fees 1.3 % of the subsidy →
  // "daily mining profit … = 0.00068685 BTC", "Shutdown price = 0.077*3.25*24/0.00068685 = $8744.27".
  const hv = hashpriceBtcPerPhDay(17.62e12, rewardBtcPerBlockFromFeeToSubsidyRatio(6.25, 0.013));

  it('given the ViaBTC S19 inputs, when the shutdown price is computed, then it is $8,744.27 (to ViaBTC\'s rounding, 0.05 %)', () => {
    const price = shutdownPriceUsd(efficiencyJth(3250, 95), 0.077, hv);
    expect(Math.abs(price / 8744.27 - 1)).toBeLessThan(5e-4);
  });

  it('given the ViaBTC M30S+ inputs (100 TH/s), when daily BTC is computed, then it is 0.000723 BTC as published', () => {
    const result = machineEconomics({ hashrateThs: 100, powerW: 3400, powerUsdPerKwh: 0.077, hashpriceUsdPerPhDay: hv * 10_000, hashpriceBtcPerPhDay: hv });
    expect(result.btcPerDay).toBeCloseTo(0.000723, 6);
  });

  it('given the shutdown price as BTC price, when profit is computed, then it is zero (the definition)', () => {
    const e = efficiencyJth(3250, 95);
    const price = shutdownPriceUsd(e, 0.077, hv);
    const result = machineEconomics({ hashrateThs: 95, powerW: 3250, powerUsdPerKwh: 0.077, hashpriceUsdPerPhDay: hv * price });
    expect(result.profitUsdPerDay).toBeCloseTo(0, 10);
  });
});

describe('machine economics by hand (docs/methodology.md §3.1 table)', () => {
  // Antminer S21 XP: 270 TH/s, 3,645 W (asics.csv; docs/methodology.md §3.3), hashprice $45/PH/day, 5 c/kWh.
  it('given an S21 XP at $45/PH/day and 5 c/kWh, full uptime and no pool fee, when computed, then revenue 12.15, power 4.374, profit 7.776 $/day', () => {
    const result = machineEconomics({ hashrateThs: 270, powerW: 3645, powerUsdPerKwh: 0.05, hashpriceUsdPerPhDay: 45 });
    expect(result.efficiencyJth).toBe(13.5);
    expect(result.revenueUsdPerDay).toBeCloseTo(12.15, 12); // 0.27 PH/s × 45
    expect(result.powerCostUsdPerDay).toBeCloseTo(4.374, 12); // 3.645 kW × 24 h × 0.05
    expect(result.profitUsdPerDay).toBeCloseTo(7.776, 12);
    expect(result.grossMargin).toBeCloseTo(0.64, 12);
    expect(result.breakevenPowerUsdPerKwh).toBeCloseTo(45 / (24 * 13.5), 12); // 0.13889
    expect(result.breakevenHashpriceUsdPerPhDay).toBeCloseTo(16.2, 12); // 24 × 13.5 × 0.05
    expect(result.shutdownPriceUsd).toBeUndefined();
    expect(result.paybackDays).toBeUndefined();
  });

  it('given 95 % uptime, a 2 % pool fee and $4,000 capex, when computed, then revenue 11.31165, power 4.1553, payback 558.94 days and $14.81/TH', () => {
    const result = machineEconomics({
      hashrateThs: 270, powerW: 3645, powerUsdPerKwh: 0.05, hashpriceUsdPerPhDay: 45, uptime: 0.95, poolFee: 0.02, capexUsd: 4000,
    });
    expect(result.revenueUsdPerDay).toBeCloseTo(12.15 * 0.95 * 0.98, 12);
    expect(result.powerCostUsdPerDay).toBeCloseTo(4.374 * 0.95, 12);
    expect(result.paybackDays).toBeCloseTo(4000 / 7.15635, 6);
    expect(result.usdPerTh).toBeCloseTo(14.8148, 4);
    // Uptime cancels out of the break-even; the pool fee does not: 45 × 0.98 / (24 × 13.5).
    expect(result.breakevenPowerUsdPerKwh).toBeCloseTo(0.136111, 6);
  });

  it('given a loss-making machine and capex, when payback is computed, then it is null (never), not a negative number', () => {
    expect(machineEconomics({ hashrateThs: 13.5, powerW: 1323, powerUsdPerKwh: 0.1, hashpriceUsdPerPhDay: 45, capexUsd: 100 }).paybackDays).toBeNull();
    expect(paybackDays(1000, 0)).toBeNull();
    expect(paybackDays(1000, 4)).toBe(250);
  });

  it('given single formulas, when evaluated, then they match docs/methodology.md §3.1 by hand', () => {
    expect(machineRevenueUsdPerDay(200, 50)).toBeCloseTo(10, 12);
    expect(machinePowerCostUsdPerDay(3500, 0.06)).toBeCloseTo(5.04, 12);
    expect(machineEnergyKwhPerDay(3500)).toBe(84);
    expect(breakevenHashpriceUsdPerPhDay(17.5, 0.05)).toBeCloseTo(21, 12);
    expect(usdPerTh(3000, 200)).toBe(15);
  });
});

describe('machine economics properties (fast-check)', () => {
  const machine = fc.record({
    hashrateThs: fc.double({ min: 1, max: 1000, noNaN: true }),
    powerW: fc.double({ min: 100, max: 10_000, noNaN: true }),
    hashpriceUsdPerPhDay: fc.double({ min: 1, max: 1000, noNaN: true }),
    uptime: fc.double({ min: 0.01, max: 1, noNaN: true }),
    poolFee: fc.double({ min: 0, max: 0.1, noNaN: true }),
  });

  it('given any machine, when power costs the break-even price, then profit is zero', () => {
    fc.assert(
      fc.property(machine, (m) => {
        const p = breakevenPowerUsdPerKwh(m.hashpriceUsdPerPhDay, efficiencyJth(m.powerW, m.hashrateThs), m.poolFee);
        const result = machineEconomics({ ...m, powerUsdPerKwh: p });
        return Math.abs(result.profitUsdPerDay) <= 1e-9 * result.revenueUsdPerDay;
      }),
    );
  });

  it('given any machine and power price, when hashprice equals the break-even hashprice, then profit is zero', () => {
    fc.assert(
      fc.property(machine, fc.double({ min: 0.001, max: 0.3, noNaN: true }), (m, powerUsdPerKwh) => {
        const hp = breakevenHashpriceUsdPerPhDay(efficiencyJth(m.powerW, m.hashrateThs), powerUsdPerKwh, m.poolFee);
        const result = machineEconomics({ ...m, powerUsdPerKwh, hashpriceUsdPerPhDay: hp });
        return Math.abs(result.profitUsdPerDay) <= 1e-9 * result.powerCostUsdPerDay;
      }),
    );
  });
});

describe('machine input validation', () => {
  it.each([
    { input: { uptime: 1.2 }, message: 'uptime: must be between 0 and 1' },
    { input: { poolFee: -0.01 }, message: 'poolFee: must be between 0 and 1' },
    { input: { powerUsdPerKwh: -0.05 }, message: 'powerUsdPerKwh: must be 0 or more' },
    { input: { hashrateThs: 0 }, message: 'hashrateThs: must be greater than 0' },
    { input: { capexUsd: -1 }, message: 'capexUsd: must be 0 or more' },
  ])('given $input, when computed, then the error says "$message"', ({ input, message }) => {
    const base = { hashrateThs: 200, powerW: 3500, powerUsdPerKwh: 0.05, hashpriceUsdPerPhDay: 45 };
    expect(() => machineEconomics({ ...base, ...input })).toThrow(EconomicsInputError);
    expect(() => machineEconomics({ ...base, ...input })).toThrow(message);
  });
});
