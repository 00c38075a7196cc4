import type { CompanyMetrics } from '../companies/company-metrics';

/*
 * Peer multiples across a set of companies valued in the same market: EV/EH on installed and on
 * operating hashrate, basic and EV-based mNAV. Companies whose multiple is unknown are left out of
 * that multiple's statistics and listed, never filled in.
 */

export const PEER_MULTIPLE_NAMES = ['evPerInstalledEhUsd', 'evPerOperatingEhUsd', 'mNavBasic', 'mNavEv'] as const;
export type PeerMultipleName = (typeof PEER_MULTIPLE_NAMES)[number];

export interface PeerMultipleRow {
  readonly ticker: string;
  readonly marketCapUsd: number | null;
  readonly enterpriseValueUsd: number | null;
  readonly evPerInstalledEhUsd: number | null;
  readonly evPerOperatingEhUsd: number | null;
  readonly mNavBasic: number | null;
  readonly mNavEv: number | null;
}

export interface PeerMultipleStats {
  readonly count: number;
  readonly median: number | null;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Tickers left out because the multiple is unknown or not meaningful for them. */
  readonly excludedTickers: readonly string[];
}

export interface PeerMultiples {
  readonly rows: readonly PeerMultipleRow[];
  readonly stats: Readonly<Record<PeerMultipleName, PeerMultipleStats>>;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function peerMultiples(companies: readonly CompanyMetrics[]): PeerMultiples {
  const rows = companies.map((c) => ({
    ticker: c.ticker,
    marketCapUsd: c.marketCapUsd,
    enterpriseValueUsd: c.enterpriseValueUsd,
    evPerInstalledEhUsd: c.evPerInstalledEhUsd,
    evPerOperatingEhUsd: c.evPerOperatingEhUsd,
    mNavBasic: c.mNavBasic,
    mNavEv: c.mNavEv,
  }));
  const stats = {} as Record<PeerMultipleName, PeerMultipleStats>;
  for (const name of PEER_MULTIPLE_NAMES) {
    const values = rows.flatMap((row) => (row[name] === null ? [] : [row[name] as number]));
    stats[name] = {
      count: values.length,
      median: median(values),
      mean: values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length,
      min: values.length === 0 ? null : Math.min(...values),
      max: values.length === 0 ? null : Math.max(...values),
      excludedTickers: rows.filter((row) => row[name] === null).map((row) => row.ticker),
    };
  }
  return { rows, stats };
}
