/** A company's researched history (data/companies/history/FORMAT.md): quarters and sourced figures. */

export type HistorySourceQuality = 'primary' | 'secondary';

export interface Provenance {
  knownAt: string;
  source: string;
  sourceQuality: HistorySourceQuality;
  excerpt: string;
  excerptScale?: number | null;
  note?: string | null;
}

export interface HistoryQuarter {
  periodEnd: string;
  label: string;
  startDate: string;
  reportedAt: string | null;
}

export interface HistoryFigure extends Provenance {
  periodEnd: string;
  kind?: 'quarter' | 'month';
  field: string;
  value: number;
  unit: string;
  asOf: string;
  term?: string | null;
  definition?: string | null;
}

export interface HistorySite extends Provenance {
  name: string;
  region: string;
  capacityMw?: number | null;
}

export interface HistoryHpcContract extends Provenance {
  counterparty: string;
  contractType?: string | null;
  criticalItMw?: number | null;
  termYears?: number | null;
  contractValueUsd?: number | null;
  start?: string | null;
  announced?: string | null;
}

export interface HistoryPowerContract extends Provenance {
  counterparty: string;
  capacityMw?: number | null;
  priceUsdPerKwh?: number | null;
  start?: string | null;
  end?: string | null;
  kind?: string | null;
}

export interface HistoryConvertible extends Provenance {
  name: string;
  principalUsd?: number | null;
  conversionPriceUsd?: number | null;
  couponRatio?: number | null;
  maturity?: string | null;
  issued?: string | null;
}

export interface HistoryNull {
  field: string;
  periodEnd: string;
  reason: string;
}

export interface CompanyHistory {
  ticker: string;
  name: string;
  cik: string | null;
  fiscalYearEnd: string;
  listed: string | null;
  delisted: string | null;
  quarters: HistoryQuarter[];
  figures: HistoryFigure[];
  sites: HistorySite[];
  hpcContracts: HistoryHpcContract[];
  powerContracts: HistoryPowerContract[];
  convertibles: HistoryConvertible[];
  nulls: HistoryNull[];
  researchLog?: string;
}
