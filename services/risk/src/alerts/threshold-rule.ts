import { hysteresisSignal, type HysteresisDirection } from '@hashdesk/economics';

/** A threshold rule with hysteresis: one alert per crossing, cleared only past the recovery line. */
export interface ThresholdRule {
  ruleId: string;
  metric: string;
  direction: HysteresisDirection;
  /** In the metric's unit. */
  thresholdValue: number;
  /** Percent beyond the threshold the value must reach before the rule clears (configured in percent). */
  recoveryMarginPct: number;
}

export type RuleTransition = 'raise' | 'clear' | 'none';

/** Pure: given whether the rule is breached now and a new value, what happens (the economics library's hysteresis). */
export function evaluateThreshold(rule: ThresholdRule, breached: boolean, value: number): RuleTransition {
  const recoveryMarginRatio = rule.recoveryMarginPct / 100;
  const signal = hysteresisSignal({ direction: rule.direction, level: rule.thresholdValue, recoveryMarginRatio }, breached, value);
  return signal === 'breach' ? 'raise' : signal === 'recovery' ? 'clear' : 'none';
}
