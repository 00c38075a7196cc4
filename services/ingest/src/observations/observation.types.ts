/**
 * Observations the service records (what the push API, the backfill and, later, the adapters hand to
 * the record use case). Values carry their unit in their name.
 */
export interface BtcPriceObservation {
  kind: 'btc-price';
  source: string;
  pair: string;
  /** When the price was true. */
  eventTime: Date;
  priceUsd: number;
  componentSources?: string[];
}

export interface NetworkSnapshotObservation {
  kind: 'network-snapshot';
  source: string;
  /** When the snapshot was true (the tip block's time, or the close of a day for daily history). */
  eventTime: Date;
  height: number;
  difficulty: number;
  feesPerBlockSats: number;
  feeWindowBlocks: number;
}

export interface EquityQuoteObservation {
  kind: 'equity-quote';
  source: string;
  /** Exchange ticker, upper case. */
  ticker: string;
  /** The trade time, or the session close for a daily bar. */
  eventTime: Date;
  priceUsd: number;
  quoteType: 'intraday' | 'daily-close';
  tradingDay?: string;
  previousCloseUsd?: number;
  volumeShares?: number;
}

export interface PowerPriceObservation {
  kind: 'power-price';
  source: string;
  /** Where the price applies, e.g. "EIA:TX:IND" or "ERCOT:DAM:HB_WEST". */
  region: string;
  /** The end of the settlement interval, or of the tariff month. */
  eventTime: Date;
  /** Normalised to USD per kWh; wholesale prices can be negative. */
  powerUsdPerKwh: number;
  marketType: 'retail' | 'wholesale';
  intervalMinutes: number;
  period: string;
}

export type AcceptedObservation = BtcPriceObservation | NetworkSnapshotObservation | EquityQuoteObservation | PowerPriceObservation;

export type ObservationKind = AcceptedObservation['kind'];

/** The partition key and part of the identity: the quote pair, the ticker, the power region, or "BTC" for the network. */
export function observationKey(observation: AcceptedObservation): string {
  switch (observation.kind) {
    case 'btc-price':
      return observation.pair;
    case 'equity-quote':
      return observation.ticker;
    case 'power-price':
      return observation.region;
    case 'network-snapshot':
      return 'BTC';
  }
}

/** One rule a record broke; `line` is the 1-based record number in a batch or file. */
export interface RecordViolation {
  field: string;
  rule: string;
  message: string;
}
