import { evaluateThreshold, type ThresholdRule } from './threshold-rule';

const floor: ThresholdRule = { ruleId: 'r', metric: 'hashprice_usd_per_ph_day', direction: 'below', thresholdValue: 40, recoveryMarginPct: 5 };

describe('evaluateThreshold', () => {
  it.each([
    // breached, value, expected
    [false, 39.99, 'raise'],
    [false, 40, 'none'], // at the line is not below it
    [true, 39, 'none'], // already raised: no second alert
    [true, 41, 'none'], // above the floor but inside the 5 % recovery band: no flapping
    [true, 42, 'clear'], // 40 × 1.05 = 42 clears
    [false, 50, 'none'],
  ])('given breached=%s when the value is %s then %s', (breached, value, expected) => {
    expect(evaluateThreshold(floor, breached as boolean, value as number)).toBe(expected);
  });

  it('given a ceiling rule when the value rises above it then it raises, and clears only below the band', () => {
    const ceiling: ThresholdRule = { ...floor, direction: 'above', thresholdValue: 100 };
    expect(evaluateThreshold(ceiling, false, 101)).toBe('raise');
    expect(evaluateThreshold(ceiling, true, 96)).toBe('none');
    expect(evaluateThreshold(ceiling, true, 95)).toBe('clear');
  });

  it('given noise around the line when values alternate then exactly one alert is raised', () => {
    let breached = false;
    let raised = 0;
    for (const value of [41, 39.5, 40.5, 39.8, 41.5, 39.9, 42.5, 41]) {
      const t = evaluateThreshold(floor, breached, value);
      if (t === 'raise') {
        raised++;
        breached = true;
      }
      if (t === 'clear') breached = false;
    }
    expect(raised).toBe(1);
    expect(breached).toBe(false); // 42.5 cleared it; 41 after that is above the floor
  });
});
