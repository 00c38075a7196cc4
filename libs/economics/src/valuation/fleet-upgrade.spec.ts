import { EconomicsInputErrorCode } from '../shared/economics-input.error';
import { fleetUpgrade, type FleetUpgradeInput } from './fleet-upgrade';

/*
 * 10 EH/s at 30 J/TH (300 MW) replaced, in the same 300 MW, by 15 J/TH machines (20 EH/s) at $15/TH;
 * the old machines sell for $2/TH. Hashprice $50/PH/day, 5 c/kWh, no fees, height 900,000 (the next
 * halving, 1,050,000, is 34.2 months of 4,383 blocks away). A month is 30.4375 days:
 *   revenue per EH/s-month = 50 × 1,000 PH/EH × 30.4375 = $1,521,875
 *   power per MW-month     = 1,000 kW × 24 h × 30.4375 × 0.05 = $36,525
 *   keep    = 10 × 1,521,875 − 300 × 36,525 = 15,218,750 − 10,957,500 = $4,261,250
 *   replace = 20 × 1,521,875 − 300 × 36,525 = 30,437,500 − 10,957,500 = $19,480,000
 *   cf[m ≥ 1] = $15,218,750;  cf[0] = 10e6 TH × 2 − 20e6 TH × 15 = −$280,000,000
 */
const REVENUE_PER_EH_MONTH = 50 * 1_000 * 30.4375;
const POWER_PER_MW_MONTH = 1_000 * 24 * 30.4375 * 0.05;
const INCREMENT = 10 * REVENUE_PER_EH_MONTH;

const base: FleetUpgradeInput = {
  height: 900_000,
  feesBtcPerBlock: 0,
  hashpriceUsdPerPhDay: 50,
  currentFleet: { hashrateEhs: 10, efficiencyJth: 30 },
  replacement: { efficiencyJth: 15 },
  powerUsdPerKwh: 0.05,
  asicPriceUsdPerTh: 15,
  resaleUsdPerTh: 2,
  discountRatePerYear: 0,
  horizonMonths: 24,
};

describe('keep or replace a fleet, by hand', () => {
  it('given the flat case over 24 months at 0 %, when valued, then NPV = −280M + 24 × 15,218,750 = $85.25M and replace', () => {
    const r = fleetUpgrade(base);
    expect(r.replacement.hashrateEhs).toBeCloseTo(20, 12);
    expect(r.capexUsd).toBeCloseTo(300_000_000, 3);
    expect(r.resaleUsd).toBeCloseTo(20_000_000, 3);
    expect(r.months[0].keepCashFlowUsd).toBeCloseTo(10 * REVENUE_PER_EH_MONTH - 300 * POWER_PER_MW_MONTH, 3); // 4,261,250
    expect(r.months[0].replaceCashFlowUsd).toBeCloseTo(20 * REVENUE_PER_EH_MONTH - 300 * POWER_PER_MW_MONTH, 3); // 19,480,000
    expect(r.npvUsd).toBeCloseTo(-280_000_000 + 24 * INCREMENT, 1);
    expect(r.decision).toBe('replace');
    expect(r.halvingsInHorizon).toBe(0);
  });

  it('given the flat case, when payback is computed, then 280,000,000 / 15,218,750 = 18.40 months', () => {
    expect(fleetUpgrade(base).paybackMonths.value).toBeCloseTo(280_000_000 / INCREMENT, 9);
  });

  it('given the flat case, when the IRR is found, then it solves the annuity formula 15,218,750 · (1 − (1 + r)^−24)/r = 280M', () => {
    const r = fleetUpgrade(base);
    const annual = r.irrPerYear.value as number;
    const monthly = (1 + annual) ** (1 / 12) - 1;
    expect(annual).toBeGreaterThan(0);
    expect((INCREMENT * (1 - (1 + monthly) ** -24)) / monthly).toBeCloseTo(280_000_000, 0);
  });

  it('given the new machines on their own, when their payback is computed, then 300M / 19,480,000 = 15.40 months', () => {
    expect(fleetUpgrade(base).purchase.paybackMonths.value).toBeCloseTo(300_000_000 / 19_480_000, 9);
  });

  it('given a start 10,000 blocks before the 2028 halving, when valued, then from month 4 the hashprice is $25 and the 30 J/TH fleet shuts down', () => {
    // halving at (1,050,000 − 1,040,000)/4,383 = 2.28 months; month 4 onward: subsidy 1.5625, hashprice 50/2
    // keep: 10 × 760,937.5 = 7.61M < 10.96M power → idle, 0; replace: 20 × 760,937.5 − 10,957,500 = 4,261,250
    const r = fleetUpgrade({ ...base, height: 1_040_000 });
    expect(r.halvingsInHorizon).toBe(1);
    expect(r.months[3].subsidyBtc).toBe(1.5625);
    expect(r.months[3].hashpriceUsdPerPhDay).toBeCloseTo(25, 9);
    expect(r.months[3].keepCashFlowUsd).toBe(0);
    expect(r.months[3].incrementalCashFlowUsd).toBeCloseTo(20 * (REVENUE_PER_EH_MONTH / 2) - 300 * POWER_PER_MW_MONTH, 3);
  });

  it('given difficulty +20 %/yr, when valued, then month 13 earns 50 / 1.2 = $41.67/PH/day', () => {
    const r = fleetUpgrade({ ...base, difficultyGrowthRatioPerYear: 0.2 });
    expect(r.months[12].hashpriceUsdPerPhDay).toBeCloseTo(50 / 1.2, 9);
  });

  it('given a 12 %/yr discount rate, when valued, then NPV = −outlay + PV(replace) − PV(keep), below the undiscounted figure', () => {
    const r = fleetUpgrade({ ...base, discountRatePerYear: 0.12 });
    expect(r.npvUsd).toBeCloseTo(r.replacePresentValueUsd - r.keepPresentValueUsd, 3);
    expect(r.npvUsd).toBeLessThan(-280_000_000 + 24 * INCREMENT);
    expect(r.discountedPaybackMonths.value as number).toBeGreaterThan(r.paybackMonths.value as number);
  });

  it('given the BTC price and difficulty that make $42.24/PH/day, when valued, then the same as giving that hashprice', () => {
    // 3.15 BTC × 86,400 × 1e15 / (150e12 × 2^32) = 2.7216e20 / 6.44245e23 = 4.22448e-4 BTC/PH/day × $100,000 = $42.2448/PH/day
    const byPrice = fleetUpgrade({ ...base, hashpriceUsdPerPhDay: undefined, btcPriceUsd: 100_000, difficulty: 150e12, feesBtcPerBlock: 0.025 });
    expect(byPrice.startHashpriceUsdPerPhDay).toBeCloseTo(42.2448, 4);
    const byHashprice = fleetUpgrade({ ...base, hashpriceUsdPerPhDay: byPrice.startHashpriceUsdPerPhDay, feesBtcPerBlock: 0.025 });
    expect(byHashprice.npvUsd / byPrice.npvUsd).toBeCloseTo(1, 12);
  });

  it('given catalog models (1,000 S19 Pro → S21 XP, same power, price classes), when valued, then 3.25 MW / 13.5 J/TH = 0.2407 EH/s at $20/TH', () => {
    const r = fleetUpgrade({
      ...base,
      currentFleet: { model: 'Antminer S19 Pro', count: 1_000 },
      replacement: { model: 'S21 XP' },
      asicPriceUsdPerTh: undefined,
      asicPriceClasses: [{ belowEfficiencyJth: 19, usdPerTh: 20 }, { belowEfficiencyJth: null, usdPerTh: 5 }],
    });
    expect(r.current.hashrateEhs).toBeCloseTo(0.11, 12); // 1,000 × 110 TH/s
    expect(r.current.powerMw).toBeCloseTo(3.25, 12); // 1,000 × 3,250 W
    expect(r.replacement.model).toBe('Antminer S21 XP');
    expect(r.replacement.efficiencyJth).toBeCloseTo(13.5, 12); // 3,645 W / 270 TH/s
    expect(r.replacement.hashrateEhs).toBeCloseTo(3.25 / 13.5, 12);
    expect(r.capexUsd).toBeCloseTo((3.25 / 13.5) * 1e6 * 20, 3);
  });

  it('given same-hashrate sizing, when valued, then 10 EH/s of new machines in 150 MW: the increment is the power saved, 150 × 36,525 a month', () => {
    const r = fleetUpgrade({ ...base, sizing: 'same-hashrate' });
    expect(r.replacement.powerMw).toBeCloseTo(150, 12);
    expect(r.months[0].incrementalCashFlowUsd).toBeCloseTo(150 * POWER_PER_MW_MONTH, 3);
  });

  it('given a replacement worse than the fleet, when valued, then keep, and IRR and payback null with the reason', () => {
    const r = fleetUpgrade({ ...base, replacement: { efficiencyJth: 40 }, resaleUsdPerTh: 0 });
    expect(r.decision).toBe('keep');
    expect(r.irrPerYear.reason).toBe('the cash flows never change sign: no rate makes NPV zero');
    expect(r.paybackMonths.reason).toBe('not paid back within the 24-month horizon');
  });

  it('given missing or conflicting inputs, when valued, then the error names the field and the rule', () => {
    expect(() => fleetUpgrade({ ...base, hashpriceUsdPerPhDay: undefined })).toThrow(expect.objectContaining({ field: 'hashpriceUsdPerPhDay', code: EconomicsInputErrorCode.MISSING }));
    expect(() => fleetUpgrade({ ...base, difficulty: 150e12 })).toThrow(expect.objectContaining({ field: 'difficulty', code: EconomicsInputErrorCode.CONFLICT }));
    expect(() => fleetUpgrade({ ...base, asicPriceUsdPerTh: undefined })).toThrow(/^asicPriceUsdPerTh: is required/);
    expect(() => fleetUpgrade({ ...base, replacement: { model: 'S99' } })).toThrow(/^model: unknown model/);
    expect(() => fleetUpgrade({ ...base, currentFleet: { hashrateEhs: 0, efficiencyJth: 30 } })).toThrow('currentFleet.hashrateEhs: must be greater than 0');
    expect(() => fleetUpgrade({ ...base, horizonMonths: 0 })).toThrow(/^horizonMonths:/);
    expect(() => fleetUpgrade({ ...base, sizing: 'same-site' as never })).toThrow(/^sizing:/);
  });
});
