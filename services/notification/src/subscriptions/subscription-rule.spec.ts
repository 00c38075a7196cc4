import { decide, EMPTY_RULE_STATE, type RuleState, type SubscriptionRule } from './subscription-rule';

/** Feeds values one after another (one per minute) and returns at which ones the rule fired. */
function firings(rule: SubscriptionRule | null, values: number[], cooldownSeconds = 0, metric = 'hashprice_usd_per_ph_day'): number[] {
  let state: RuleState = EMPTY_RULE_STATE;
  const fired: number[] = [];
  values.forEach((value, i) => {
    const decision = decide(rule, cooldownSeconds, state, { metrics: { [metric]: value }, timeMs: i * 60_000 });
    state = decision.state;
    if (decision.fire) fired.push(i);
  });
  return fired;
}

const metric = 'hashprice_usd_per_ph_day';

describe('subscription rules', () => {
  it.each<[string, SubscriptionRule, number[], number[]]>([
    ['crossing up fires only on the step across', { kind: 'crossing', metric, threshold: 50, direction: 'up' }, [40, 45, 55, 60, 45, 51], [2, 5]],
    ['crossing up: landing exactly on the threshold counts', { kind: 'crossing', metric, threshold: 50, direction: 'up' }, [49, 50, 51], [1]],
    ['crossing down fires only on the step across', { kind: 'crossing', metric, threshold: 50, direction: 'down' }, [55, 60, 45, 40, 55, 49], [2, 5]],
    ['crossing either fires both ways', { kind: 'crossing', metric, threshold: 50, direction: 'either' }, [40, 55, 45, 45], [1, 2]],
    ['crossing: the first observation never fires', { kind: 'crossing', metric, threshold: 50, direction: 'up' }, [60, 70], []],
    ['threshold below fires on every value below', { kind: 'threshold', metric, threshold: 45, direction: 'below' }, [50, 40, 38, 46], [1, 2]],
    ['leaving range fires on the step out', { kind: 'leaving-range', metric, low: 40, high: 60 }, [50, 55, 61, 65, 50, 39], [2, 5]],
    ['percent change up within the window', { kind: 'percent-change', metric, percent: 10, windowSeconds: 120, direction: 'up' }, [100, 105, 111, 112], [2]],
    ['percent change: an old base outside the window is forgotten', { kind: 'percent-change', metric, percent: 10, windowSeconds: 60, direction: 'either' }, [100, 104, 108, 112], []],
    ['percent change down', { kind: 'percent-change', metric, percent: 5, windowSeconds: 600, direction: 'down' }, [100, 96, 94], [2]],
  ])('given %s', (_name, rule, values, expected) => {
    expect(firings(rule, values)).toEqual(expected);
  });

  it('given a cooldown then a second crossing inside it is suppressed and one after it fires', () => {
    const rule: SubscriptionRule = { kind: 'crossing', metric, threshold: 50, direction: 'either' };
    // one value a minute: crossings at 1, 2, 3 and 6; the cooldown is 150 s
    expect(firings(rule, [40, 55, 45, 55, 55, 55, 45], 150)).toEqual([1, 6]);
  });

  it('given no rule then every matching event fires, subject to the cooldown', () => {
    expect(firings(null, [1, 2, 3, 4, 5], 90)).toEqual([0, 2, 4]);
  });

  it('given an event without the watched metric then nothing fires and the state stays', () => {
    const decision = decide({ kind: 'threshold', metric: 'btc_price_usd', threshold: 1, direction: 'above' }, 0, EMPTY_RULE_STATE, { metrics: { [metric]: 5 }, timeMs: 0 });
    expect(decision).toEqual({ fire: false, state: EMPTY_RULE_STATE, reason: 'event has no btc_price_usd' });
  });
});
