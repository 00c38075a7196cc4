import { create } from '@bufbuild/protobuf';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import {
  HashpriceComputedSchema, InputRefSchema, LineageSchema, MachineAtPowerPriceSchema, MachineTableComputedSchema, MachineTableRowSchema, type HashpriceComputed, type MachineTableComputed,
} from '@hashdesk/contracts';
import {
  breakevenHashpriceUsdPerPhDay, breakevenPowerUsdPerKwh, listAsicModels, machinePowerCostUsdPerDay, machineRevenueUsdPerDay, shutdownPriceUsd, type AsicModelSpec,
} from '@hashdesk/economics';
import { derivedId } from '../common/derived-id';

/** Bumped whenever the table's computation changes, so that replays can tell old tables from new ones. */
export const MACHINE_TABLE_METHODOLOGY_VERSION = 'machines/1 (nameplate catalog; e = published J/TH; full uptime; no pool fee)';

/** Reference power prices of the published table, USD/kWh. */
export const REFERENCE_POWER_PRICES_USD_PER_KWH: readonly number[] = [0.04, 0.06, 0.08];

export interface MachineTableHashprice {
  hashpriceUsdPerPhDay: number;
  hashpriceBtcPerPhDay: number;
}

export interface MachineAtPowerPriceRow {
  powerUsdPerKwh: number;
  profitUsdPerDay: number;
  breakevenHashpriceUsdPerPhDay: number;
  /** Absent when the BTC hashprice is 0 (no shutdown price exists). */
  shutdownBtcPriceUsd?: number;
}

export interface MachineTableRowFigures {
  model: string;
  manufacturer: string;
  efficiencyJth: number;
  hashrateThs: number;
  powerW: number;
  breakevenPowerUsdPerKwh: number;
  revenueUsdPerDay: number;
  atPowerPrices: MachineAtPowerPriceRow[];
}

/**
 * Pure: one row per catalog model at a hashprice (full uptime, no pool fee, the published efficiency).
 * Every figure comes from the economics library's machine functions.
 */
export function computeMachineTable(
  hashprice: MachineTableHashprice,
  powerPricesUsdPerKwh: readonly number[] = REFERENCE_POWER_PRICES_USD_PER_KWH,
  catalog: readonly AsicModelSpec[] = listAsicModels(),
): MachineTableRowFigures[] {
  return catalog.map((spec) => {
    const revenueUsdPerDay = machineRevenueUsdPerDay(spec.hashrateThs, hashprice.hashpriceUsdPerPhDay);
    return {
      model: spec.model,
      manufacturer: spec.manufacturer,
      efficiencyJth: spec.efficiencyJth,
      hashrateThs: spec.hashrateThs,
      powerW: spec.powerW,
      breakevenPowerUsdPerKwh: breakevenPowerUsdPerKwh(hashprice.hashpriceUsdPerPhDay, spec.efficiencyJth),
      revenueUsdPerDay,
      atPowerPrices: powerPricesUsdPerKwh.map((powerUsdPerKwh) => ({
        powerUsdPerKwh,
        profitUsdPerDay: revenueUsdPerDay - machinePowerCostUsdPerDay(spec.powerW, powerUsdPerKwh),
        breakevenHashpriceUsdPerPhDay: breakevenHashpriceUsdPerPhDay(spec.efficiencyJth, powerUsdPerKwh),
        ...(hashprice.hashpriceBtcPerPhDay > 0 ? { shutdownBtcPriceUsd: shutdownPriceUsd(spec.efficiencyJth, powerUsdPerKwh, hashprice.hashpriceBtcPerPhDay) } : {}),
      })),
    };
  });
}

/** Pure: the table message of a hashprice figure. Same figure → same bytes. */
export function computeMachineTableMessage(metric: HashpriceComputed, powerPricesUsdPerKwh: readonly number[] = REFERENCE_POWER_PRICES_USD_PER_KWH): MachineTableComputed {
  const rows = computeMachineTable(metric, powerPricesUsdPerKwh).map((row) =>
    create(MachineTableRowSchema, { ...row, atPowerPrices: row.atPowerPrices.map((p) => create(MachineAtPowerPriceSchema, p)) }),
  );
  return create(MachineTableComputedSchema, {
    metricId: machineTableIdFor(metric.metricId),
    asOf: metric.asOf,
    hashpriceMetricId: metric.metricId,
    hashpriceUsdPerPhDay: metric.hashpriceUsdPerPhDay,
    hashpriceBtcPerPhDay: metric.hashpriceBtcPerPhDay,
    btcPriceUsd: metric.btcPriceUsd,
    powerPricesUsdPerKwh: [...powerPricesUsdPerKwh],
    rows,
    lineage: create(LineageSchema, {
      inputs: [create(InputRefSchema, { eventId: metric.metricId, eventType: HashpriceComputedSchema.typeName, eventTime: metric.asOf as Timestamp })],
      methodologyVersion: MACHINE_TABLE_METHODOLOGY_VERSION,
    }),
  });
}

/** The table's id (also its event id): derived from the hashprice metric id and the methodology version. */
export function machineTableIdFor(hashpriceMetricId: string): string {
  return derivedId(MACHINE_TABLE_METHODOLOGY_VERSION, hashpriceMetricId);
}
