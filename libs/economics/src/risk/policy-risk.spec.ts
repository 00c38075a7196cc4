import { policyRiskComponent, riskScore } from './balance-sheet-risk';

const at = (iso: string) => new Date(iso);

describe('policyRiskComponent', () => {
  // NY DEC denied Greenidge's Title V air permit renewal on 2022-06-30 (impact −3: the site's permit).
  const denial = { impact: -3, effectiveAt: at('2022-06-30T00:00:00Z') };

  it('scores a severe adverse decision in force today as 1, and halves it every year', () => {
    expect(policyRiskComponent([denial], at('2022-06-30T00:00:00Z'))).toBe(1);
    expect(policyRiskComponent([denial], at('2023-06-30T00:00:00Z'))).toBeCloseTo(0.5, 12);
    expect(policyRiskComponent([denial], at('2024-06-29T00:00:00Z'))).toBeCloseTo(0.25, 12);
  });

  it('leaves out what is not in force yet, and lets favourable decisions offset adverse ones', () => {
    expect(policyRiskComponent([denial], at('2022-06-29T00:00:00Z'))).toBe(0);
    const minor = { impact: -1, effectiveAt: at('2024-01-01T00:00:00Z') };
    const granted = { impact: 2, effectiveAt: at('2024-01-01T00:00:00Z') };
    expect(policyRiskComponent([minor], at('2024-01-01T00:00:00Z'))).toBeCloseTo(1 / 3, 12);
    expect(policyRiskComponent([minor, granted], at('2024-01-01T00:00:00Z'))).toBe(0); // clamped at 0
    expect(policyRiskComponent([], at('2024-01-01T00:00:00Z'))).toBe(0);
  });

  it('adds up decisions of one jurisdiction: the Greenidge denial and New York\'s mining moratorium (2022-11-22) saturate it within months', () => {
    const moratorium = { impact: -2, effectiveAt: at('2022-11-22T00:00:00Z') };
    const asOf = at('2023-06-30T00:00:00Z'); // the denial one year old, the moratorium 220 days
    expect(policyRiskComponent([denial, moratorium], asOf)).toBeCloseTo(0.5 + (2 / 3) * 0.5 ** (220 / 365), 12);
    expect(policyRiskComponent([denial, moratorium], at('2022-12-01T00:00:00Z'))).toBe(1); // 0.75 + 0.66, clamped
  });

  it('enters the score with weight 0.15 among the known components', () => {
    const base = { leverage: 0.4, runway: 0, scenarioFragility: 0.5, powerPriceExposure: 1, dilution: 0 };
    // (0.1 + 0 + 0.1 + 0.15 + 0 + 0.15) / 1.15 = 0.5 / 1.15
    expect(riskScore({ ...base, policy: 1 }).score).toBeCloseTo((100 * 0.5) / 1.15, 12);
    expect(riskScore({ ...base, policy: null }).score).toBeCloseTo((100 * 0.35) / 1.0, 12);
  });
});
