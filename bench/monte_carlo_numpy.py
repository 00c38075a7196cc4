#!/usr/bin/env python3
"""The universe Monte Carlo of libs/economics/src/risk/monte-carlo.ts, vectorised with NumPy.

Used by bench/monte-carlo.bench.ts, which writes the plan the TypeScript engine runs (day tables,
each company's constants and fair-value grid, the price and difficulty models) to a JSON file and
runs this script on it in the same benchmark run:

    python3 bench/monte_carlo_numpy.py plan.json [--chunk 5000]

The same model, step for step (docs/methodology.md §6.3, §6.5):
  price       GBM, log returns (mu - sigma^2/2)dt + sigma sqrt(dt) Z, one step per day
  reward      the plan's per-day BTC per EH/s at difficulty 1 (consensus subsidy + fees)
  difficulty  at each retarget day r: D = D0 (1+g)^(r/365.25) (P_{r-L} R_{r-L} / (P0 R0))^beta
  companies   per month: cash margin sign, idle rule, company cash, runway when burning; fair value
              per share at the horizon by bilinear interpolation (in P and 1/D) of the plan's grid
Results: P(negative cash margin) and P(runway under the floor) per horizon, the lowest runway up to
the ranking horizon and the equity value at the end (quantiles over every path: NumPy keeps them
all), and the terminal BTC price. Its random numbers are NumPy's (PCG64), not the engine's, so the
figures agree with the engine's to Monte Carlo error, not digit for digit.

Prints one JSON object: the seconds taken (wall and CPU; simulation and summary, reading the plan
excluded), the chunk size and the results.
"""
import argparse
import json
import math
import sys
import time

import numpy as np

DAYS_PER_MONTH = 365.25 / 12
QUANTILES = (0.05, 0.5, 0.95)


def grid_cell(nodes, values):
    """Cell index of each value in log-spaced nodes, clamped to the grid (as locateGridCell)."""
    n = len(nodes)
    i = np.floor(np.log(values / nodes[0]) / math.log(nodes[-1] / nodes[0]) * (n - 1)).astype(np.int64)
    return np.clip(i, 0, n - 2)


class Tables:
    """What does not depend on the path: blocks of days with one difficulty and one month each."""

    def __init__(self, plan):
        self.days = plan['days']
        self.months = plan['months']
        self.month_end = np.asarray(plan['monthEndDay'], dtype=np.int64)
        self.month_start = np.concatenate(([0], self.month_end[:-1]))
        self.month_days = (self.month_end - self.month_start).astype(np.float64)
        self.unit_btc = np.asarray(plan['btcPerEhDayAtUnitDifficulty'])
        self.log_reward = np.asarray(plan['logRewardRatio'])
        self.retargets = np.asarray(plan['retargetDays'], dtype=np.int64)
        # a block: consecutive days in one month between two retargets (difficulty constant within it)
        self.block_start = np.unique(np.concatenate(([0], self.month_start, self.retargets)))
        self.block_segment = np.searchsorted(self.retargets, self.block_start, side='right')  # 0: before the first retarget
        self.block_unit = np.add.reduceat(self.unit_btc, self.block_start)
        self.month_first_block = np.searchsorted(self.block_start, self.month_start)
        # each company's fair-value grid, (companies, nodes)
        self.grids = np.asarray([c['miningValueGridUsd'] for c in plan['companies']], dtype=np.float64).reshape(len(plan['companies']), -1)


def simulate_chunk(plan, tables, rng, count, out, start, buffers):
    tb = tables
    days, months = tb.days, tb.months
    p0 = plan['market']['btcPriceUsd']
    inv_d0 = 1.0 / plan['market']['difficulty']
    dm = plan['difficultyModel']
    lag, beta = dm['lagDays'], dm['hashpriceElasticity']
    trend_per_day = math.log1p(dm['trendGrowthRatioPerYear']) / 365.25
    pm = plan['priceModel']

    # price paths: cumulative log returns, one row per path (preallocated buffers: no page faults per chunk)
    log_price = buffers[0][:count]
    price = buffers[1][:count]
    rng.standard_normal(out=log_price)
    log_price *= pm['gbmVolatilityPerDay']
    log_price += pm['gbmDriftPerDay']
    np.cumsum(log_price, axis=1, out=log_price)
    np.exp(log_price, out=price)
    price *= p0

    # inverse difficulty per segment between retargets (the start value before the first)
    segments = np.empty((count, len(tb.retargets) + 1))
    segments[:, 0] = inv_d0
    for i, r in enumerate(tb.retargets):
        s = r - lag
        driver = log_price[:, s] + tb.log_reward[s] if s >= 0 else 0.0
        segments[:, i + 1] = inv_d0 * np.exp(-(trend_per_day * r + beta * driver))
    inv_blocks = segments[:, tb.block_segment]  # (count, blocks)

    price_at_month_end = price[:, tb.month_end - 1]
    terminal_price = price[:, -1].copy()
    terminal_difficulty = 1.0 / segments[:, tb.block_segment[-1]]
    out['price'][start:start + count] = terminal_price

    # per month: BTC per EH/s and revenue per EH/s, summed over its days (blocks of constant difficulty)
    price *= tb.unit_btc  # now revenue per EH/s per day at difficulty 1
    block_revenue = np.add.reduceat(price, tb.block_start, axis=1)
    sum_btc = np.add.reduceat(inv_blocks * tb.block_unit, tb.month_first_block, axis=1)  # (count, months)
    sum_revenue = np.add.reduceat(inv_blocks * block_revenue, tb.month_first_block, axis=1)
    month_days = tb.month_days

    # fair-value grid cell of each path's terminal (price, difficulty): shared by every company
    pn = np.asarray(plan['layout']['priceNodesUsd'])
    dn = np.asarray(plan['layout']['difficultyNodes'])
    i = grid_cell(pn, terminal_price)
    j = grid_cell(dn, terminal_difficulty)
    wp = np.clip((terminal_price - pn[i]) / (pn[i + 1] - pn[i]), 0, 1)
    wd = np.clip((1 / terminal_difficulty - 1 / dn[j]) / (1 / dn[j + 1] - 1 / dn[j]), 0, 1)
    nd = len(dn)
    k = i * nd + j

    # company by company (arrays of paths × months: they stay in cache; one (companies, paths, months) block is slower)
    rank_h = plan['rankingHorizonMonths']
    floor = plan['runwayFloorMonths']
    for c, co in enumerate(plan['companies']):
        h = co['hashrateNetEhs']
        btc = h * sum_btc
        revenue = h * sum_revenue
        power_cost = co['powerCostUsdPerDay'] * month_days
        fixed_cost = co['miningFixedCostUsdPerDay'] * month_days
        variable_cost = co['miningVariableCostUsdPerBtc'] * btc
        negative = revenue < power_cost + fixed_cost + variable_cost
        out['firstNegative'][c, start:start + count] = np.where(negative.any(axis=1), negative.argmax(axis=1), months)
        idle = (revenue < power_cost + variable_cost) if co['shutdownWhenUnprofitable'] else np.zeros_like(negative)
        mining = np.where(idle, -fixed_cost, revenue - power_cost - variable_cost - fixed_cost)
        flow = mining + (co['otherIncomeUsdPerDay'] - co['corporateCostUsdPerDay']) * month_days - co['corporateCostUsdPerBtc'] * np.where(idle, 0.0, btc)
        liquidity = co['cashUsd'] + np.cumsum(flow, axis=1) + co['liquidBtc'] * price_at_month_end
        with np.errstate(divide='ignore', invalid='ignore'):
            runway = np.where(flow < 0, np.maximum(liquidity, 0) / (-flow * DAYS_PER_MONTH / month_days), np.inf)
        breach = runway < floor
        out['firstBreach'][c, start:start + count] = np.where(breach.any(axis=1), breach.argmax(axis=1), months)
        out['lowestRunway'][c, start:start + count] = runway[:, :rank_h].min(axis=1)
        g = tables.grids[c]
        mining_value = (1 - wp) * ((1 - wd) * g[k] + wd * g[k + 1]) + wp * ((1 - wd) * g[k + nd] + wd * g[k + nd + 1])
        equity = mining_value + co['hpcValueUsd'] + co['btcHeld'] * terminal_price + co['cashUsd'] + mining.sum(axis=1) - co['debtAndPreferredUsd']
        out['perShare'][c, start:start + count] = equity / co['sharesOutstanding']


def quantile_or_none(sorted_values, q):
    """Type-7 quantile of sorted values that may end in +inf (no limit), as quantileOfSortedOrNull: +inf is None."""
    n = len(sorted_values)
    h = (n - 1) * q
    lo = int(math.floor(h))
    hi = min(n - 1, lo + 1)
    a, b = sorted_values[lo], sorted_values[hi]
    if math.isinf(a) or (math.isinf(b) and h > lo):
        return None
    return float(a) if math.isinf(b) else float(a + (h - lo) * (b - a))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('plan')
    parser.add_argument('--chunk', type=int, default=5_000, help='paths per vectorised block (memory: about 3 × chunk × days × 8 bytes)')
    args = parser.parse_args()
    with open(args.plan, encoding='utf8') as f:
        plan = json.load(f)
    if plan['priceModel']['kind'] != 'gbm':
        sys.exit('monte_carlo_numpy.py: only the gbm price model is implemented')
    comp = plan['companies']
    paths = plan['paths']
    n = len(comp)

    t0 = time.perf_counter()
    c0 = time.process_time()
    rng = np.random.default_rng(plan['seed'])
    out = {
        'price': np.empty(paths),
        'firstNegative': np.empty((n, paths), dtype=np.int64),
        'firstBreach': np.empty((n, paths), dtype=np.int64),
        'lowestRunway': np.empty((n, paths)),
        'perShare': np.empty((n, paths)),
    }
    tables = Tables(plan)
    buffers = (np.empty((min(args.chunk, paths), plan['days'])), np.empty((min(args.chunk, paths), plan['days'])))
    for start in range(0, paths, args.chunk):
        simulate_chunk(plan, tables, rng, min(args.chunk, paths - start), out, start, buffers)

    # summary: probabilities per horizon, quantiles over every path, the ranking (riskiest first)
    rank_h = plan['rankingHorizonMonths']
    companies = []
    for c, co in enumerate(comp):
        shares = co['sharesOutstanding']
        today = co['baseFairValuePerShareUsd'] * shares
        runway = np.sort(out['lowestRunway'][c])
        equity = np.sort(out['perShare'][c]) * shares
        companies.append({
            'ticker': co['ticker'],
            'horizons': [{'months': h, 'probabilityNegativeCashMargin': float(np.mean(out['firstNegative'][c] < h)),
                          'probabilityRunwayBelowFloor': float(np.mean(out['firstBreach'][c] < h))} for h in plan['horizonsMonths']],
            'probabilityNegativeCashMargin': float(np.mean(out['firstNegative'][c] < rank_h)),
            'probabilityBurningCash': float(np.mean(np.isfinite(runway))),
            'runwayMonths': [quantile_or_none(runway, q) for q in QUANTILES],
            'equityValueUsd': [float(np.quantile(equity, q)) for q in QUANTILES],
            'equityValueUsdToday': today,
            'equityValueMedianChangeRatio': float(np.quantile(equity, 0.5)) / today - 1 if today > 0 else None,
            'perShareMean': float(out['perShare'][c].mean()),
        })

    def order(row):  # RANKING_ORDER: P(negative cash margin) desc, median lowest runway asc, median equity change asc (None last), ticker
        runway = row['runwayMonths'][1]
        change = row['equityValueMedianChangeRatio']
        return (-row['probabilityNegativeCashMargin'], math.inf if runway is None else runway, math.inf if change is None else change, row['ticker'])

    ranking = [row['ticker'] for row in sorted(companies, key=order)]
    terminal = {'mean': float(out['price'].mean()), 'percentiles': [float(np.quantile(out['price'], q)) for q in QUANTILES]}
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    json.dump({'seconds': seconds, 'cpuSeconds': cpu_seconds, 'chunk': args.chunk, 'numpy': np.__version__, 'paths': paths, 'days': plan['days'], 'companies': companies,
               'ranking': ranking, 'terminalBtcPriceUsd': terminal}, sys.stdout)


if __name__ == '__main__':
    main()
