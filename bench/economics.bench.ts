// Throughput of the pure economics library. Run from the repository root:
//   node -r ./scripts/register.js bench/economics.bench.ts
// Prints operations per second per function. Not a timed test: compare runs on the same machine.
import {
  blockReward,
  blockSubsidySats,
  breakevenPowerUsdPerKwh,
  findAsicModel,
  fleetTotals,
  hashpriceBtcPerPhDay,
  hashpriceUsdPerPhDay,
  listAsicModels,
  machineEconomics,
  networkHashprice,
  projectRetarget,
} from '@hashdesk/economics';
import {
  companyMetrics,
  companyValuation,
  emptyCompanyRunRate,
  evaluateCompanyRunRate,
  fleetBtcPerDay,
  fleetHashcostUsdPerPhDay,
  fleetPowerCostUsdPerDay,
  miningDcf,
  miningMarginRatio,
  parseCompanyProfile,
  prepareCompanyRunRate,
} from '@hashdesk/economics';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, printResults, sinkValue, type BenchResult } from './bench.util';

// A network state close to late 2025 (data/reference/network-daily.csv): varied a little per call so nothing is constant-folded.
let i = 0;
const difficulty = () => 150e12 + (i++ % 1000) * 1e9;

const sections: Array<[string, BenchResult[]]> = [];

// ── Network and hashprice ────────────────────────────────────────────────────────────────────────
sections.push([
  'network and hashprice',
  [
    bench('blockSubsidySats', () => blockSubsidySats(840_000 + (i++ % 1_000_000))),
    bench('hashpriceBtcPerPhDay', () => hashpriceBtcPerPhDay(difficulty(), 3.15)),
    bench('hashpriceUsdPerPhDay (BTC → USD)', () => hashpriceUsdPerPhDay(hashpriceBtcPerPhDay(difficulty(), 3.15), 90_000)),
    bench('blockReward (fee share convention)', () => blockReward(3.125, { feeShareOfReward: 0.01 })),
    bench('networkHashprice', () => networkHashprice({ difficulty: difficulty(), subsidyBtc: 3.125, feesBtcPerBlock: 0.025, btcPriceUsd: 90_000 })),
    bench('projectRetarget', () => projectRetarget({ difficulty: difficulty(), blocksFoundInEpoch: 1000, secondsSinceEpochFirstBlock: 599_400 })),
  ],
]);

// ── Machine economics ────────────────────────────────────────────────────────────────────────────
const s21xp = findAsicModel('Antminer S21 XP');
const fleet = listAsicModels().map((spec, index) => ({ hashrateThs: spec.hashrateThs, powerW: spec.powerW, count: 100 + index }));
sections.push([
  'machine economics',
  [
    bench('findAsicModel (case-insensitive)', () => findAsicModel('antminer s21 xp')),
    bench('breakevenPowerUsdPerKwh', () => breakevenPowerUsdPerKwh(40 + (i++ % 10), 13.5, 0.02)),
    bench('machineEconomics (full, with capex)', () =>
      machineEconomics({
        hashrateThs: s21xp.hashrateThs,
        powerW: s21xp.powerW,
        powerUsdPerKwh: 0.05,
        hashpriceUsdPerPhDay: 40 + (i++ % 10),
        hashpriceBtcPerPhDay: 0.00045,
        uptime: 0.95,
        poolFee: 0.02,
        capexUsd: 4000,
      }),
    ),
    bench(`fleetTotals (${fleet.length} model groups)`, () => fleetTotals(fleet)),
  ],
]);

// ── Company metrics ──────────────────────────────────────────────────────────────────────────────
// Riot's shipped profile (data/companies/riot.json) with per-BTC opex assumptions so every metric is computed.
const riot = parseCompanyProfile(JSON.parse(readFileSync(join(__dirname, '..', 'data', 'companies', 'riot.json'), 'utf8')));
const riotAssumptions = { otherDirectCostUsdPerBtc: 5_000, sgaExSbcUsdPerBtc: 8_000, interestUsdPerBtc: 1_000 };
const riotModel = prepareCompanyRunRate(riot, riotAssumptions).model;
if (riotModel === null) throw new Error('bench: the Riot run-rate model misses inputs');
const runRate = emptyCompanyRunRate();
const market = () => ({ btcPriceUsd: 90_000 + (i++ % 1000), difficulty: difficulty(), height: 930_000, feesBtcPerBlock: 0.025, sharePriceUsd: 15 });
sections.push([
  'company metrics',
  [
    bench('fleetBtcPerDay (kernel)', () => fleetBtcPerDay(32.2, difficulty(), 3.15, 0.01)),
    bench('fleetHashcostUsdPerPhDay (kernel)', () => fleetHashcostUsdPerPhDay(fleetPowerCostUsdPerDay(32.2, 20.5, 0.042), 32.2)),
    bench('miningMarginRatio (kernel)', () => miningMarginRatio(90_000 + (i++ % 1000), 46_324)),
    bench('evaluateCompanyRunRate (compiled, no allocation)', () => evaluateCompanyRunRate(riotModel, 90_000 + (i++ % 1000), difficulty(), 3.15, 1, runRate).allInMarginRatio),
    bench('companyMetrics (all metrics, RIOT profile)', () => companyMetrics(riot, market(), riotAssumptions)),
  ],
]);

// ── Valuation: 10-year monthly DCF ───────────────────────────────────────────────────────────────
const dcfInput = {
  btcPriceUsd: 90_000, difficulty: 150e12, height: 930_000, feesBtcPerBlock: 0.025, hashrateEhs: 32.2, efficiencyJth: 20.5, powerUsdPerKwh: 0.042,
  fixedCostUsdPerMonth: 10e6, btcPriceGrowthRatioPerYear: 0.1, difficultyGrowthRatioPerYear: 0.3, fleetDegradationRatioPerYear: 0.1,
  replaceDegradedHashrate: true, replacementCapexUsdPerTh: 15, replacementEfficiencyJth: 15, horizonMonths: 120, taxRate: 0.21, discountRatePerYear: 0.15,
};
sections.push([
  'valuation (10-year monthly DCF)',
  [
    bench('miningDcf (120 months, summary only)', () => miningDcf({ ...dcfInput, btcPriceUsd: 90_000 + (i++ % 1000) }).presentValueUsd),
    bench('miningDcf (120 months, with monthly rows)', () => miningDcf({ ...dcfInput, btcPriceUsd: 90_000 + (i++ % 1000), includeMonthlyRows: true }).presentValueUsd),
    bench('companyValuation (RIOT: 120-month DCF + HPC + SOTP)', () =>
      companyValuation(riot, market(), { company: riotAssumptions, valuation: { horizonMonths: 120 } }).equityValueUsd),
  ],
]);

process.stdout.write(`hashdesk economics benchmark (node ${process.version}, ${process.platform}/${process.arch})\n`);
for (const [title, results] of sections) printResults(title, results);
if (!Number.isFinite(sinkValue())) process.stdout.write('(sink not finite)\n');
