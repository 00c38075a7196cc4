import { create } from '@bufbuild/protobuf';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import {
  HashpriceComputedSchema, InputRefSchema, LineageSchema, MachineAtPowerPriceSchema, MachineTableComputedSchema, MachineTableRowSchema, RegionalPowerPriceSchema,
  type HashpriceComputed, type MachineTableComputed,
} from '@hashdesk/contracts';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  breakevenHashpriceUsdPerPhDay, breakevenPowerUsdPerKwh, listAsicModels, machinePowerCostUsdPerDay, machineRevenueUsdPerDay, shutdownPriceUsd, type AsicModelSpec,
} from '@hashdesk/economics';
import { derivedEventId } from '@hashdesk/messaging';

/** Bumped whenever the table's computation changes, so that replays can tell old tables from new ones. */
export const MACHINE_TABLE_METHODOLOGY_VERSION = 'machines/2 (nameplate catalog; e = published J/TH; full uptime; no pool fee; reference and each region\'s newest non-negative power price)';

/** Reference power prices of the published table, USD/kWh. */
export const REFERENCE_POWER_PRICES_USD_PER_KWH: readonly number[] = [0.04, 0.06, 0.08];

export interface MachineTableHashprice {
  hashpriceUsdPerPhDay: number;
  hashpriceBtcPerPhDay: number;
}

/** A region's newest observed power price, as valuation keeps it (power_price). */
export interface RegionalPowerPrice {
  region: string;
  eventId: string;
  eventType: string;
  eventTime: Date;
  powerUsdPerKwh: number;
  marketType: string;
}

export interface MachineAtPowerPriceRow {
  powerUsdPerKwh: number;
  /** Set for a region's observed price. */
  region?: string;
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
  regional: readonly RegionalPowerPrice[] = [],
): MachineTableRowFigures[] {
  const prices: Array<{ powerUsdPerKwh: number; region?: string }> = [...powerPricesUsdPerKwh.map((powerUsdPerKwh) => ({ powerUsdPerKwh })), ...regional.map((r) => ({ powerUsdPerKwh: r.powerUsdPerKwh, region: r.region }))];
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
      atPowerPrices: prices.map(({ powerUsdPerKwh, region }) => ({
        powerUsdPerKwh,
        ...(region === undefined ? {} : { region }),
        profitUsdPerDay: revenueUsdPerDay - machinePowerCostUsdPerDay(spec.powerW, powerUsdPerKwh),
        breakevenHashpriceUsdPerPhDay: breakevenHashpriceUsdPerPhDay(spec.efficiencyJth, powerUsdPerKwh),
        ...(hashprice.hashpriceBtcPerPhDay > 0 ? { shutdownBtcPriceUsd: shutdownPriceUsd(spec.efficiencyJth, powerUsdPerKwh, hashprice.hashpriceBtcPerPhDay) } : {}),
      })),
    };
  });
}

/**
 * Pure: the table message of a hashprice figure at the reference power prices and at each region's
 * newest price (negative wholesale prices left out: a machine's break-even needs a price ≥ 0).
 * Same figure and prices → same bytes.
 */
export function computeMachineTableMessage(
  metric: HashpriceComputed,
  powerPricesUsdPerKwh: readonly number[] = REFERENCE_POWER_PRICES_USD_PER_KWH,
  regionalPrices: readonly RegionalPowerPrice[] = [],
): MachineTableComputed {
  const regional = [...regionalPrices].filter((r) => r.powerUsdPerKwh >= 0).sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  const rows = computeMachineTable(metric, powerPricesUsdPerKwh, listAsicModels(), regional).map((row) =>
    create(MachineTableRowSchema, { ...row, atPowerPrices: row.atPowerPrices.map((p) => create(MachineAtPowerPriceSchema, p)) }),
  );
  return create(MachineTableComputedSchema, {
    metricId: machineTableIdFor(metric.metricId, regional.map((r) => r.eventId)),
    asOf: metric.asOf,
    hashpriceMetricId: metric.metricId,
    hashpriceUsdPerPhDay: metric.hashpriceUsdPerPhDay,
    hashpriceBtcPerPhDay: metric.hashpriceBtcPerPhDay,
    btcPriceUsd: metric.btcPriceUsd,
    powerPricesUsdPerKwh: [...powerPricesUsdPerKwh],
    rows,
    lineage: create(LineageSchema, {
      inputs: [
        create(InputRefSchema, { eventId: metric.metricId, eventType: HashpriceComputedSchema.typeName, eventTime: metric.asOf as Timestamp }),
        ...regional.map((r) => create(InputRefSchema, { eventId: r.eventId, eventType: r.eventType, eventTime: timestampFromDate(r.eventTime) })),
      ],
      methodologyVersion: MACHINE_TABLE_METHODOLOGY_VERSION,
    }),
    regionalPowerPrices: regional.map((r) => create(RegionalPowerPriceSchema, {
      region: r.region, powerUsdPerKwh: r.powerUsdPerKwh, eventTime: timestampFromDate(r.eventTime), marketType: r.marketType,
    })),
  });
}

/** The table's id (also its event id): derived from the methodology version and its inputs' ids. */
export function machineTableIdFor(hashpriceMetricId: string, powerEventIds: readonly string[] = []): string {
  return derivedEventId(MACHINE_TABLE_METHODOLOGY_VERSION, hashpriceMetricId, ...powerEventIds);
}
