// GET /v1/machines/breakeven → the Machines page: one row per ASIC, one profit column per power price.
export interface AtPowerPrice {
  powerUsdPerKwh: number;
  profitUsdPerDay: number | null;
  breakevenHashpriceUsdPerPhDay: number | null;
  shutdownBtcPriceUsd: number | null;
  region?: string;
}

export interface MachineRow {
  model: string;
  manufacturer: string;
  efficiencyJth: number;
  hashrateThs: number;
  powerW: number;
  breakevenPowerUsdPerKwh: number | null;
  revenueUsdPerDay: number | null;
  atPowerPrices: AtPowerPrice[];
}

export interface MachineTable {
  asOf: string;
  hashpriceUsdPerPhDay: number;
  btcPriceUsd: number;
  rows: MachineRow[];
  regionalPowerPrices?: Array<{ region: string; powerUsdPerKwh: number; eventTime?: string }>;
}

/** USD/kWh to at most four decimals, trailing zeros dropped: 0.045 → "$0.045/kWh", 0.04 → "$0.04/kWh". */
export function formatPowerPrice(usdPerKwh: number): string {
  const text = usdPerKwh.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return `$${/\.\d$/.test(text) ? `${text}0` : text}/kWh`;
}

export interface PowerPriceColumn {
  label: string;
  powerUsdPerKwh: number;
  region: string | null;
}

/** The table's power-price columns: reference prices first, then each region's newest price (as valuation orders them). */
export function powerPriceColumns(table: MachineTable): PowerPriceColumn[] {
  const first = table.rows[0]?.atPowerPrices ?? [];
  return first.map((p) => ({
    label: p.region ? `${p.region} (${formatPowerPrice(p.powerUsdPerKwh)})` : formatPowerPrice(p.powerUsdPerKwh),
    powerUsdPerKwh: p.powerUsdPerKwh,
    region: p.region ?? null,
  }));
}

/** Most efficient first (lowest J/TH), then by name. */
export function sortMachines(rows: MachineRow[]): MachineRow[] {
  return [...rows].sort((a, b) => a.efficiencyJth - b.efficiencyJth || a.model.localeCompare(b.model));
}

/** Parses "0.045" into a power price, within what valuation accepts (0…1 USD/kWh). */
export function parsePowerPrice(text: string): number | undefined {
  if (!/^\d*\.?\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= 0 && value <= 1 ? value : undefined;
}
