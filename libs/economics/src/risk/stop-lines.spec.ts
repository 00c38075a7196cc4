import fc from 'fast-check';
import {
  evaluateStopLine, INITIAL_STOP_LINE_STATE, runStopLine, stopLineLevel, validateStopLine,
  type StopLine, type StopLineObservation, type StopLineSignal,
} from './stop-lines';

const quotes = (...prices: number[]): StopLineObservation[] => prices.map((sharePriceUsd, i) => ({ at: `2025-01-${String(i + 1).padStart(2, '0')}`, sharePriceUsd }));
const brief = (signals: readonly StopLineSignal[]) => signals.map((s) => [s.kind, s.value]);

describe('stop-loss lines', () => {
  describe('trailing stop (10 % under the peak, 2 % band)', () => {
    const line: StopLine = { kind: 'trailing', trailRatio: 0.1, recoveryMarginRatio: 0.02 };

    it('given a path that crosses, hovers, clears, crosses again and clears, when run, then it raises exactly breach, recovery, breach, recovery', () => {
      // peak 120 → stop 108, band edge 110.16; 108.5 and 107.5 hover inside the band: no flapping
      const { signals, state } = runStopLine(line, quotes(100, 110, 120, 115, 107, 108.5, 107.5, 111, 109, 105, 125, 118));
      expect(brief(signals)).toEqual([
        ['breach', 107],
        ['recovery', 111],
        ['breach', 105],
        ['recovery', 125],
      ]);
      expect(signals[0]).toMatchObject({ rule: 'trailing', direction: 'below', level: 108, metric: 'share_price_usd', at: '2025-01-05' });
      expect(signals[1].recoveryLevel).toBeCloseTo(110.16, 10);
      expect(state).toMatchObject({ breached: false, peakUsd: 125, level: 112.5 }); // 118 is above 125 × 0.9
    });

    it('given an entry price above the first quotes, when run, then the stop trails from the entry', () => {
      const { signals } = runStopLine({ ...line, entryPriceUsd: 200 }, quotes(190, 179));
      expect(brief(signals)).toEqual([['breach', 179]]);
    });

    it('given a state stored as JSON between observations, when resumed, then the signals are the same as in one run', () => {
      const path = quotes(100, 110, 120, 115, 107, 108.5, 107.5, 111, 109, 105, 125);
      const whole = runStopLine(line, path).signals;
      let state = INITIAL_STOP_LINE_STATE;
      const pieces: StopLineSignal[] = [];
      for (const o of path) {
        const next = evaluateStopLine(line, JSON.parse(JSON.stringify(state)), o);
        state = next.state;
        if (next.signal) pieces.push(next.signal);
      }
      expect(pieces).toEqual(whole);
    });
  });

  it('given a fixed stop 10 % under a 50 entry, when the price falls to 44.9 and recovers to 46, then breach at 44.9 and recovery at 46 (band edge 45.9)', () => {
    const { signals } = runStopLine({ kind: 'fixed', entryPriceUsd: 50, dropRatio: 0.1 }, quotes(48, 44.9, 45.5, 44, 46));
    expect(brief(signals)).toEqual([
      ['breach', 44.9],
      ['recovery', 46],
    ]);
  });

  describe('ATR stop (3 periods, 2 ATRs)', () => {
    const line: StopLine = { kind: 'atr', periods: 3, atrMultiple: 2, recoveryMarginRatio: 0 };

    it('given fewer than 3 true ranges, when a crash comes, then the line is not armed yet and says nothing', () => {
      const { signals, state } = runStopLine(line, quotes(100, 50, 40));
      expect(signals).toEqual([]);
      expect(state.trueRanges).toBe(2);
    });

    it('given closes 100, 102, 100, 102 (TR 2, 2, 2: ATR 2), when 97 comes, then the stop is 102 − 4 = 98 and 97 breaches it (hand)', () => {
      const { signals, state } = runStopLine(line, quotes(100, 102, 100, 102, 97));
      expect(brief(signals)).toEqual([['breach', 97]]);
      expect(signals[0].level).toBe(98);
      // Wilder: ATR ← 2 + (5 − 2)/3 = 3 after the 97
      expect(state.atrUsd).toBeCloseTo(3, 12);
    });

    it('given highs and lows, when the true range is taken, then it spans the previous close and the day range', () => {
      const obs: StopLineObservation[] = [
        { at: 'd1', sharePriceUsd: 100 },
        { at: 'd2', sharePriceUsd: 101, shareHighUsd: 104, shareLowUsd: 99 }, // TR = 104 − 99 = 5
      ];
      expect(runStopLine({ ...line, periods: 1 }, obs).state.atrUsd).toBe(5);
    });
  });

  describe('economic lines', () => {
    it('given a break-even hashprice of 40 USD/PH/day, when hashprice goes 45, 39, 40.5, 41, then breach at 39 and recovery at 41 (band edge 40.8)', () => {
      const obs = [45, 39, 40.5, 41].map((hashpriceUsdPerPhDay, i) => ({ at: `t${i}`, hashpriceUsdPerPhDay }));
      const { signals } = runStopLine({ kind: 'break-even-hashprice', levelUsdPerPhDay: 40 }, obs);
      expect(brief(signals)).toEqual([
        ['breach', 39],
        ['recovery', 41],
      ]);
      expect(signals[0].metric).toBe('hashprice_usd_per_ph_day');
    });

    it('given a break-even BTC price of 70,000, when BTC trades at 69,000, then it breaches', () => {
      const { signals } = runStopLine({ kind: 'break-even-btc-price', levelUsd: 70_000 }, [{ at: 't', btcPriceUsd: 69_000 }]);
      expect(brief(signals)).toEqual([['breach', 69_000]]);
    });

    it('given a 12-month runway floor, when runway falls to 10 months and then the company stops burning (null), then breach, then recovery', () => {
      const obs: StopLineObservation[] = [
        { at: 't0', liquidityRunwayMonths: 18 },
        { at: 't1', liquidityRunwayMonths: 10 },
        { at: 't2', liquidityRunwayMonths: null },
      ];
      const { signals, state } = runStopLine({ kind: 'runway-floor', floorMonths: 12 }, obs);
      expect(brief(signals)).toEqual([
        ['breach', 10],
        ['recovery', Number.POSITIVE_INFINITY],
      ]);
      expect(state.lastValue).toBeNull();
    });

    it('given a 50 M loan on 1,000 BTC with a 0.7 max LTV (margin call at 71,428.57 USD), when BTC goes 100k → 70k → 72k → 75k, then breach at 70k and recovery at 75k (LTV 0.667 ≤ 0.686)', () => {
      const obs = [100_000, 70_000, 72_000, 75_000].map((btcPriceUsd, i) => ({ at: `t${i}`, btcPriceUsd }));
      const { signals } = runStopLine({ kind: 'loan-to-value', loanUsd: 50e6, collateralBtc: 1_000, maxLoanToValueRatio: 0.7 }, obs);
      expect(signals.map((s) => [s.kind, s.direction, +s.value.toFixed(4)])).toEqual([
        ['breach', 'above', 0.7143],
        ['recovery', 'above', 0.6667],
      ]);
    });

    it('given an observation without the watched value, when evaluated, then nothing changes', () => {
      const line: StopLine = { kind: 'break-even-btc-price', levelUsd: 70_000 };
      expect(evaluateStopLine(line, INITIAL_STOP_LINE_STATE, { at: 't', hashpriceUsdPerPhDay: 1 })).toEqual({ state: INITIAL_STOP_LINE_STATE, signal: null });
    });
  });

  it.each([
    [{ kind: 'trailing', trailRatio: 1.5 }, /^trailRatio: must be between 0 and 1/],
    [{ kind: 'fixed', entryPriceUsd: -1, dropRatio: 0.1 }, /^entryPriceUsd: must be greater than 0/],
    [{ kind: 'atr', periods: 0, atrMultiple: 2 }, /^periods: must be between 1 and 250/],
    [{ kind: 'runway-floor', floorMonths: 6, recoveryMarginRatio: 1 }, /^recoveryMarginRatio: /],
    [{ kind: 'moon' }, /^kind: unknown stop line kind 'moon'/],
  ])('given an invalid line %j, when validated, then the error names the field', (line, message) => {
    expect(() => validateStopLine(line as unknown as StopLine)).toThrow(message);
  });

  describe('properties', () => {
    const prices = fc.array(fc.double({ min: 1, max: 1_000, noNaN: true }), { minLength: 1, maxLength: 200 });
    const trailing = fc.record({ kind: fc.constant('trailing' as const), trailRatio: fc.double({ min: 0.01, max: 0.5, noNaN: true }), recoveryMarginRatio: fc.double({ min: 0, max: 0.2, noNaN: true }) });
    const anyEquityLine = fc.oneof(
      trailing,
      fc.record({ kind: fc.constant('fixed' as const), entryPriceUsd: fc.double({ min: 1, max: 1_000, noNaN: true }), dropRatio: fc.double({ min: 0.01, max: 0.5, noNaN: true }), recoveryMarginRatio: fc.double({ min: 0, max: 0.2, noNaN: true }) }),
      fc.record({ kind: fc.constant('atr' as const), periods: fc.integer({ min: 1, max: 20 }), atrMultiple: fc.double({ min: 0.5, max: 5, noNaN: true }), recoveryMarginRatio: fc.double({ min: 0, max: 0.2, noNaN: true }) }),
    );

    it('given any line and price path, when run, then signals alternate breach, recovery, breach … and each sits on the right side of its line', () => {
      fc.assert(
        fc.property(anyEquityLine, prices, (line, path) => {
          const { signals, state } = runStopLine(line, quotes(...path));
          signals.forEach((s, i) => {
            expect(s.kind).toBe(i % 2 === 0 ? 'breach' : 'recovery');
            if (s.kind === 'breach') expect(s.value).toBeLessThan(s.level);
            else expect(s.value).toBeGreaterThanOrEqual(s.recoveryLevel);
          });
          expect(state.breached).toBe(signals.length % 2 === 1);
        }),
      );
    });

    it('given a breached line, when the price then only moves inside the band (at or under the recovery edge), then no further signal is raised', () => {
      fc.assert(
        fc.property(fc.double({ min: 0.01, max: 0.3, noNaN: true }), fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { maxLength: 100 }), (trailRatio, band, noise) => {
          const line: StopLine = { kind: 'trailing', entryPriceUsd: 100, trailRatio, recoveryMarginRatio: band };
          const level = 100 * (1 - trailRatio);
          const edge = level * (1 + band);
          const hovering = noise.map((u) => level * 0.5 + u * (edge - level * 0.5)); // in [level/2, edge)
          const { signals } = runStopLine(line, quotes(level * 0.99, ...hovering));
          expect(brief(signals)).toEqual([['breach', level * 0.99]]);
        }),
      );
    });

    it('given any price path, when a trailing line runs, then its level never falls', () => {
      fc.assert(
        fc.property(trailing, prices, (line, path) => {
          let state = INITIAL_STOP_LINE_STATE;
          let previous = -Infinity;
          for (const o of quotes(...path)) {
            state = evaluateStopLine(line, state, o).state;
            const level = stopLineLevel(line, state) as number;
            expect(level).toBeGreaterThanOrEqual(previous);
            previous = level;
          }
        }),
      );
    });

    it('given any path split anywhere, when run in two parts with the state carried over, then the signals equal one run', () => {
      fc.assert(
        fc.property(anyEquityLine, prices, fc.nat(), (line, path, cut) => {
          const obs = quotes(...path);
          const k = cut % (obs.length + 1);
          const first = runStopLine(line, obs.slice(0, k));
          const second = runStopLine(line, obs.slice(k), JSON.parse(JSON.stringify(first.state)));
          expect([...first.signals, ...second.signals]).toEqual(runStopLine(line, obs).signals);
        }),
      );
    });
  });
});
