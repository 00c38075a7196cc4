/** A threshold rule with hysteresis: one alert per crossing, cleared only past the recovery line. */
export interface ThresholdRule {
  ruleId: string;
  metric: string;
  direction: 'below' | 'above';
  thresholdValue: number;
  /** Percent beyond the threshold the value must reach before the rule clears. */
  recoveryMarginPct: number;
}

export type RuleTransition = 'raise' | 'clear' | 'none';

/** Pure: given whether the rule is breached now and a new value, what happens. */
export function evaluateThreshold(rule: ThresholdRule, breached: boolean, value: number): RuleTransition {
  const margin = rule.recoveryMarginPct / 100;
  if (rule.direction === 'below') {
    if (!breached && value < rule.thresholdValue) return 'raise';
    if (breached && value >= rule.thresholdValue * (1 + margin)) return 'clear';
  } else {
    if (!breached && value > rule.thresholdValue) return 'raise';
    if (breached && value <= rule.thresholdValue * (1 - margin)) return 'clear';
  }
  return 'none';
}
