import { EconomicsInputError } from '../shared/economics-input.error';
import {
  annualRateFromMonthly,
  discountedCashFlowsUsd,
  internalRateOfReturnPerMonth,
  internalRateOfReturnPerYear,
  netPresentValueUsd,
  paybackMonths,
} from './cash-flow-returns';

describe('NPV, IRR and payback of monthly cash flows, by hand', () => {
  it('given −100 then +60, +60, when discounted at 0 and 10 %/month, then NPV is 20 and 4.13', () => {
    expect(netPresentValueUsd([-100, 60, 60], 0)).toBe(20);
    // −100 + 60/1.1 + 60/1.21 = −100 + 54.5455 + 49.5868 = 4.1322
    expect(netPresentValueUsd([-100, 60, 60], 0.1)).toBeCloseTo(4.1322, 4);
  });

  it('given −200, +110, +121, when the IRR is found, then it is 10 % a month (110/1.1 + 121/1.21 = 200)', () => {
    const irr = internalRateOfReturnPerMonth([-200, 110, 121]);
    expect(irr.value).toBeCloseTo(0.1, 10);
  });

  it('given −1,000 today and +1,100 in month 12, when the annual IRR is found, then it is 10 %/yr', () => {
    const flows = [-1000, ...Array<number>(11).fill(0), 1100];
    expect(internalRateOfReturnPerYear(flows).value).toBeCloseTo(0.1, 10);
  });

  it('given a monthly rate of 10 %, when annualised, then 1.1^12 − 1 = 2.138428', () => {
    expect(annualRateFromMonthly(0.1)).toBeCloseTo(2.138428376721, 10);
  });

  it('given flows of one sign, when the IRR is asked, then it is null with the reason', () => {
    expect(internalRateOfReturnPerMonth([100, 50])).toEqual({ value: null, missingInputs: [], reason: 'the cash flows never change sign: no rate makes NPV zero' });
    expect(internalRateOfReturnPerMonth([-100, -50]).value).toBeNull();
  });

  it('given −100, +230, −132, when the IRR is asked, then null: both 10 % and 20 % a month make NPV zero', () => {
    // 132x² − 230x + 100 = 0 with x = 1/(1 + r): x = (230 ± 10)/264 → r = 0.10 or 0.20
    expect(netPresentValueUsd([-100, 230, -132], 0.1)).toBeCloseTo(0, 10);
    expect(netPresentValueUsd([-100, 230, -132], 0.2)).toBeCloseTo(0, 10);
    const irr = internalRateOfReturnPerMonth([-100, 230, -132]);
    expect(irr.value).toBeNull();
    expect(irr.reason).toMatch(/changes sign 2 times/);
  });

  it('given −100 then +30 a month, when payback is computed, then 3 + 10/30 = 3.33 months', () => {
    // cumulative: −70, −40, −10, then the fourth month's 30 covers the last 10 a third of the way in
    expect(paybackMonths([-100, 30, 30, 30, 30]).value).toBeCloseTo(3 + 1 / 3, 12);
  });

  it('given too little within the horizon, when payback is computed, then null with the horizon named; nothing owed gives 0', () => {
    expect(paybackMonths([-100, 10, 10]).reason).toBe('not paid back within the 2-month horizon');
    expect(paybackMonths([0, 5]).value).toBe(0);
  });

  it('given flows discounted at 10 %/month, when listed, then cf[t]/1.1^t', () => {
    const discounted = discountedCashFlowsUsd([-100, 110, 121], 0.1);
    expect(discounted[1]).toBeCloseTo(100, 10);
    expect(discounted[2]).toBeCloseTo(100, 10);
  });

  it('given bad flows or rates, when evaluated, then the error names the field', () => {
    expect(() => netPresentValueUsd([-100], 0)).toThrow('cashFlowsUsd: must list at least two monthly cash flows');
    expect(() => paybackMonths([-100, Number.NaN])).toThrow('cashFlowsUsd[1]: must be a finite number');
    expect(() => netPresentValueUsd([-100, 110], -1)).toThrow(EconomicsInputError);
    expect(() => netPresentValueUsd([-100, 110], -1)).toThrow(/^ratePerMonth:/);
  });
});
