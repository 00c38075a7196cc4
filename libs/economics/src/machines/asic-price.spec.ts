import { EconomicsInputError } from '../shared/economics-input.error';
import { asicPriceUsdPerTh, hashrateCapexUsd, type AsicPriceClass } from './asic-price';

// Illustrative classes: below 19 J/TH $20/TH, 19–25 $12, 25–38 $6, 38 and above $2.
const classes: AsicPriceClass[] = [
  { belowEfficiencyJth: 19, usdPerTh: 20 },
  { belowEfficiencyJth: 25, usdPerTh: 12 },
  { belowEfficiencyJth: 38, usdPerTh: 6 },
  { belowEfficiencyJth: null, usdPerTh: 2 },
];

describe('ASIC price by efficiency class', () => {
  it.each([
    [13.5, 20],
    [19, 12], // a bound belongs to the next class: "19–25 J/TH" includes 19
    [29.5, 6],
    [98, 2],
  ])('given a machine at %s J/TH, when priced, then $%s/TH', (efficiency, price) => {
    expect(asicPriceUsdPerTh(classes, efficiency)).toBe(price);
  });

  it('given classes without an open end, when a 40 J/TH machine is priced, then the error names efficiencyJth', () => {
    expect(() => asicPriceUsdPerTh(classes.slice(0, 3), 40)).toThrow('efficiencyJth: no ASIC price class covers 40 J/TH');
  });

  it('given classes out of order or an open class in the middle, when priced, then the error names the class field', () => {
    expect(() => asicPriceUsdPerTh([classes[1], classes[0]], 15)).toThrow(/^asicPriceClasses\[1\]\.belowEfficiencyJth: must be greater/);
    expect(() => asicPriceUsdPerTh([classes[3], classes[0]], 15)).toThrow(/^asicPriceClasses\[0\]\.belowEfficiencyJth: may be null/);
    expect(() => asicPriceUsdPerTh([], 15)).toThrow(EconomicsInputError);
  });

  it('given 0.5 EH/s at $15/TH, when costed, then 0.5 × 1,000,000 × 15 = $7.5M', () => {
    expect(hashrateCapexUsd(0.5, 15)).toBe(7_500_000);
    expect(() => hashrateCapexUsd(-1, 15)).toThrow('hashrateEhs: must be 0 or more');
  });
});
