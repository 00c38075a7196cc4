/**
 * Subscription rules, pure (no IO): given the rule, the remembered state of one subscription for one
 * subject, and a new observation, decide whether to fire and what to remember.
 *
 * - threshold:      level-triggered; fires on every observation above (or below) the threshold.
 * - crossing:       edge-triggered; fires only when the previous observation was on the other side
 *                   (up: prev < t ≤ value; down: prev > t ≥ value). The first observation never fires.
 * - percent-change: fires when the value moved by at least `percent` % against the oldest observation
 *                   still inside the window (by event time), in the given direction.
 * - leaving-range:  edge-triggered; fires when the previous observation was inside [low, high] and this
 *                   one is outside.
 * A cooldown (by event time) suppresses firing after a fire, but the state still advances, so a
 * crossing during the cooldown is consumed, not remembered for later.
 */
import { assertUnreachable } from '@hashdesk/economics';

export type CrossingDirection = 'up' | 'down' | 'either';

export type SubscriptionRule =
  | { kind: 'threshold'; metric: string; threshold: number; direction: 'above' | 'below' }
  | { kind: 'crossing'; metric: string; threshold: number; direction: CrossingDirection }
  | { kind: 'percent-change'; metric: string; percent: number; windowSeconds: number; direction: CrossingDirection }
  | { kind: 'leaving-range'; metric: string; low: number; high: number };

export interface RuleState {
  lastValue: number | null;
  /** [event time ms, value], oldest first; kept only for percent-change rules, within the window. */
  history: Array<[number, number]>;
  lastFiredAtMs: number | null;
}

export const EMPTY_RULE_STATE: RuleState = { lastValue: null, history: [], lastFiredAtMs: null };

export interface Observation {
  /** The event's metrics; a rule watches one of them. */
  metrics: Record<string, number>;
  timeMs: number;
}

export interface RuleDecision {
  fire: boolean;
  state: RuleState;
  /** Why it fired or not, for the delivery body and the logs. */
  reason: string;
}

export function decide(rule: SubscriptionRule | null, cooldownSeconds: number, state: RuleState, observation: Observation): RuleDecision {
  const cooling = state.lastFiredAtMs !== null && observation.timeMs - state.lastFiredAtMs < cooldownSeconds * 1_000;
  if (!rule) {
    if (cooling) return { fire: false, state, reason: 'cooldown' };
    return { fire: true, state: { ...state, lastFiredAtMs: observation.timeMs }, reason: 'matched filter' };
  }
  const value = observation.metrics[rule.metric];
  if (value === undefined || !Number.isFinite(value)) return { fire: false, state, reason: `event has no ${rule.metric}` };

  const { condition, reason, history } = evaluate(rule, state, value, observation.timeMs);
  const advanced: RuleState = { lastValue: value, history, lastFiredAtMs: state.lastFiredAtMs };
  if (!condition) return { fire: false, state: advanced, reason };
  if (cooling) return { fire: false, state: advanced, reason: `${reason} (suppressed by cooldown)` };
  return { fire: true, state: { ...advanced, lastFiredAtMs: observation.timeMs }, reason };
}

function evaluate(rule: SubscriptionRule, state: RuleState, value: number, timeMs: number): { condition: boolean; reason: string; history: Array<[number, number]> } {
  const prev = state.lastValue;
  switch (rule.kind) {
    case 'threshold': {
      const condition = rule.direction === 'above' ? value > rule.threshold : value < rule.threshold;
      return { condition, reason: `${rule.metric} ${value} ${rule.direction} ${rule.threshold}`, history: [] };
    }
    case 'crossing': {
      const up = prev !== null && prev < rule.threshold && value >= rule.threshold;
      const down = prev !== null && prev > rule.threshold && value <= rule.threshold;
      const condition = rule.direction === 'up' ? up : rule.direction === 'down' ? down : up || down;
      return { condition, reason: `${rule.metric} crossed ${up ? 'up' : 'down'} through ${rule.threshold} (${prev} → ${value})`, history: [] };
    }
    case 'percent-change': {
      const windowStart = timeMs - rule.windowSeconds * 1_000;
      const inWindow = state.history.filter(([t]) => t >= windowStart && t <= timeMs);
      const base = inWindow[0]?.[1];
      const history: Array<[number, number]> = [...inWindow, [timeMs, value]];
      if (base === undefined || base === 0) return { condition: false, reason: 'no base value in the window', history };
      const change = ((value - base) / Math.abs(base)) * 100;
      const condition = rule.direction === 'up' ? change >= rule.percent : rule.direction === 'down' ? -change >= rule.percent : Math.abs(change) >= rule.percent;
      return { condition, reason: `${rule.metric} changed ${change.toFixed(2)} % in ${rule.windowSeconds} s`, history };
    }
    case 'leaving-range': {
      const inside = (v: number) => v >= rule.low && v <= rule.high;
      const condition = prev !== null && inside(prev) && !inside(value);
      return { condition, reason: `${rule.metric} left [${rule.low}, ${rule.high}] (${prev} → ${value})`, history: [] };
    }
    default:
      return assertUnreachable(rule);
  }
}
