import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HashpriceComputedSchema, MachineTableComputedSchema } from '@hashdesk/contracts';
import { listAsicModels } from '@hashdesk/economics';
import { computeMachineTable, computeMachineTableMessage, MACHINE_TABLE_METHODOLOGY_VERSION, machineTableIdFor } from './machine-table.calculator';

describe('machine break-even table', () => {
  // $50/PH/day at BTC $100,000 → 0.0005 BTC/PH/day.
  const hashprice = { hashpriceUsdPerPhDay: 50, hashpriceBtcPerPhDay: 0.0005 };

  it('given the Antminer S21 (200 TH/s, 3,500 W, 17.5 J/TH) at $50/PH/day, when the table is computed, then its row matches the figures by hand', () => {
    const s21 = computeMachineTable(hashprice).find((row) => row.model === 'Antminer S21');
    if (!s21) throw new Error('Antminer S21 is not in the catalog');
    expect(s21).toMatchObject({ manufacturer: 'Bitmain', efficiencyJth: 17.5, hashrateThs: 200, powerW: 3500 });
    expect(s21.revenueUsdPerDay).toBeCloseTo(10, 12); // 0.2 PH/s × 50
    expect(s21.breakevenPowerUsdPerKwh).toBeCloseTo(50 / 420, 12); // 50 / (24 × 17.5) = 0.1190
    expect(s21.atPowerPrices.map((p) => p.powerUsdPerKwh)).toEqual([0.04, 0.06, 0.08]);
    // power cost 3.5 kW × 24 h × p = 3.36 / 5.04 / 6.72 $/day
    expect(s21.atPowerPrices.map((p) => p.profitUsdPerDay)).toEqual([6.64, 4.96, 3.28].map((v) => expect.closeTo(v, 12)));
    // 24 × 17.5 × p = 16.8 / 25.2 / 33.6 $/PH/day
    expect(s21.atPowerPrices.map((p) => p.breakevenHashpriceUsdPerPhDay)).toEqual([16.8, 25.2, 33.6].map((v) => expect.closeTo(v, 12)));
    // 24 × 17.5 × p / 0.0005 BTC/PH/day
    expect(s21.atPowerPrices.map((p) => p.shutdownBtcPriceUsd)).toEqual([33_600, 50_400, 67_200].map((v) => expect.closeTo(v, 6)));
  });

  it('given the catalog, when the table is computed, then it has one row per model in catalog order', () => {
    expect(computeMachineTable(hashprice).map((row) => row.model)).toEqual(listAsicModels().map((spec) => spec.model));
  });

  it('given a configured list of power prices, when computed, then every row has one figure per price', () => {
    const [row] = computeMachineTable(hashprice, [0.05]);
    expect(row.atPowerPrices).toHaveLength(1);
    expect(row.atPowerPrices[0].powerUsdPerKwh).toBe(0.05);
  });

  it('given a BTC hashprice of 0, when computed, then no shutdown price is given', () => {
    const [row] = computeMachineTable({ hashpriceUsdPerPhDay: 0, hashpriceBtcPerPhDay: 0 });
    expect(row.atPowerPrices[0].shutdownBtcPriceUsd).toBeUndefined();
  });

  it('given a hashprice figure, when the message is built twice, then it is byte-identical, its id derives from the metric id and its lineage names it', () => {
    const metric = create(HashpriceComputedSchema, {
      metricId: '00000000-0000-8000-a000-000000000001', asOf: timestampFromDate(new Date('2025-12-29T00:00:00Z')), btcPriceUsd: 100_000, ...hashprice,
    });
    const a = computeMachineTableMessage(metric);
    expect(toBinary(MachineTableComputedSchema, a)).toEqual(toBinary(MachineTableComputedSchema, computeMachineTableMessage(metric)));
    expect(a.metricId).toBe(machineTableIdFor(metric.metricId));
    expect(a.metricId).not.toBe(machineTableIdFor('00000000-0000-8000-a000-000000000002'));
    expect(a.hashpriceMetricId).toBe(metric.metricId);
    expect(a.lineage?.methodologyVersion).toBe(MACHINE_TABLE_METHODOLOGY_VERSION);
    expect(a.lineage?.inputs.map((i) => [i.eventId, i.eventType])).toEqual([[metric.metricId, 'hashdesk.v1.HashpriceComputed']]);
    expect(a.rows).toHaveLength(listAsicModels().length);
    expect(a.powerPricesUsdPerKwh).toEqual([0.04, 0.06, 0.08]);
  });

  it('given regional power prices, when the message is built, then every row adds one figure per non-negative region after the references, in region order, and the lineage and id name them', () => {
    const metric = create(HashpriceComputedSchema, {
      metricId: '00000000-0000-8000-a000-000000000001', asOf: timestampFromDate(new Date('2025-12-29T00:00:00Z')), btcPriceUsd: 100_000, ...hashprice,
    });
    const at = new Date('2025-12-28T23:00:00Z');
    const power = (region: string, eventId: string, powerUsdPerKwh: number) => ({ region, eventId, eventType: 'hashdesk.v1.PowerPriceObserved', eventTime: at, powerUsdPerKwh, marketType: 'wholesale' });
    const table = computeMachineTableMessage(metric, [0.05], [power('ERCOT:DAM:HB_WEST', 'p-west', 0.031), power('EIA:TX:IND', 'p-tx', 0.0712), power('ERCOT:DAM:HB_NORTH', 'p-neg', -0.004)]);
    const s21 = table.rows.find((row) => row.model === 'Antminer S21');
    expect(s21?.atPowerPrices.map((p) => [p.powerUsdPerKwh, p.region])).toEqual([[0.05, undefined], [0.0712, 'EIA:TX:IND'], [0.031, 'ERCOT:DAM:HB_WEST']]);
    // 3.5 kW × 24 h × $0.031 = $2.604/day of power against $10/day of revenue
    expect(s21?.atPowerPrices[2].profitUsdPerDay).toBeCloseTo(10 - 2.604, 12);
    expect(table.regionalPowerPrices.map((r) => r.region)).toEqual(['EIA:TX:IND', 'ERCOT:DAM:HB_WEST']);
    expect(table.lineage?.inputs.map((i) => i.eventId)).toEqual([metric.metricId, 'p-tx', 'p-west']);
    expect(table.metricId).toBe(machineTableIdFor(metric.metricId, ['p-tx', 'p-west']));
    expect(table.metricId).not.toBe(computeMachineTableMessage(metric, [0.05]).metricId);
  });
});
