import { hysteresisSignal, recoveryLevelOf, type HysteresisBand } from './hysteresis';

const floor: HysteresisBand = { direction: 'below', level: 100, recoveryMarginRatio: 0.05 };
const ceiling: HysteresisBand = { direction: 'above', level: 0.7, recoveryMarginRatio: 0.1 };

describe('hysteresisSignal', () => {
  it.each([
    // breached, value, expected
    [false, 99.99, 'breach'],
    [false, 100, null], // at the level is not below it
    [true, 90, null], // already breached: no second breach
    [true, 104, null], // inside the band
    [true, 105, 'recovery'], // 100 × 1.05
  ])('below a level: breached=%s, value %s → %s', (breached, value, expected) => {
    expect(hysteresisSignal(floor, breached as boolean, value as number)).toBe(expected);
  });

  it('above a level breaches past it and recovers only at level × (1 − r)', () => {
    expect(hysteresisSignal(ceiling, false, 0.71)).toBe('breach');
    expect(hysteresisSignal(ceiling, true, 0.64)).toBeNull();
    expect(hysteresisSignal(ceiling, true, 0.63)).toBe('recovery');
  });
});

describe('recoveryLevelOf', () => {
  it('puts the band on the good side of the level', () => {
    expect(recoveryLevelOf('below', 100, 0.05)).toBeCloseTo(105);
    expect(recoveryLevelOf('above', 0.7, 0.1)).toBeCloseTo(0.63);
  });
});
