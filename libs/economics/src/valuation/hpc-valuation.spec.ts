import fc from 'fast-check';
import { hpcContractValuation } from './hpc-valuation';

const wulf = { contractValueUsd: 3.7e9, termYears: 10, noiMarginRatio: 0.85 };

describe('HPC contract valuation (docs/methodology.md §4.4)', () => {
  it('given TeraWulf–Fluidstack ($3.7B, 10 y, 85 %) undiscounted and untaxed, when valued, then the PV is the whole NOI, $3.145B (~$315M/yr × 10)', () => {
    const r = hpcContractValuation({ ...wulf, discountRatePerYear: 0 });
    expect(r.noiPresentValueUsd).toBeCloseTo(3.145e9, 0);
    expect(r.annualNoiUsd).toBeCloseTo(314.5e6, 0);
  });

  it('given a 10 %/yr discount rate, when valued, then the PV is the monthly annuity of $26.21M NOI (hand: 26.208M × (1 − v^120)/i, i = 1.1^(1/12) − 1)', () => {
    const i = 1.1 ** (1 / 12) - 1;
    const annuity = (1 - (1 + i) ** -120) / i;
    expect(hpcContractValuation({ ...wulf, discountRatePerYear: 0.1 }).noiPresentValueUsd).toBeCloseTo((3.145e9 / 120) * annuity, 0);
  });

  it('given a 3 % escalator and no discounting, when valued, then the rents still add to the TCV and year-1 rent is below the average', () => {
    const r = hpcContractValuation({ ...wulf, annualEscalatorRatio: 0.03, discountRatePerYear: 0 });
    expect(r.noiPresentValueUsd).toBeCloseTo(3.145e9, 0);
    expect(r.firstYearRentUsd).toBeLessThan(370e6);
  });

  it('given a 12-month delay to first rent, when valued at 10 %, then the PV is the undelayed PV / 1.1', () => {
    const now = hpcContractValuation({ ...wulf, discountRatePerYear: 0.1 });
    const later = hpcContractValuation({ ...wulf, discountRatePerYear: 0.1, startDelayMonths: 12 });
    expect(later.noiPresentValueUsd).toBeCloseTo(now.noiPresentValueUsd / 1.1, 0);
  });

  it('given tax and build capex, when valued, then PV = NOI PV × (1 − tax) − capex', () => {
    const plain = hpcContractValuation({ ...wulf, discountRatePerYear: 0.1 });
    const r = hpcContractValuation({ ...wulf, discountRatePerYear: 0.1, taxRate: 0.21, remainingBuildCapexUsd: 1.8e9 });
    expect(r.presentValueUsd).toBeCloseTo(plain.noiPresentValueUsd * 0.79 - 1.8e9, 0);
  });

  it('given any contract, when the escalator rises at a positive discount rate, then the PV falls (rent moves later) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0.001, max: 0.05, noNaN: true }), fc.double({ min: 0.01, max: 0.3, noNaN: true }), (g, dg, r) => {
        const low = hpcContractValuation({ ...wulf, annualEscalatorRatio: g, discountRatePerYear: r });
        const high = hpcContractValuation({ ...wulf, annualEscalatorRatio: g + dg, discountRatePerYear: r });
        expect(high.noiPresentValueUsd).toBeLessThan(low.noiPresentValueUsd);
      }),
    );
  });
});
