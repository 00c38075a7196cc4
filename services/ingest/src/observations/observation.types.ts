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

export type AcceptedObservation = BtcPriceObservation | NetworkSnapshotObservation;

export type ObservationKind = AcceptedObservation['kind'];

/** The partition key and part of the identity: the quote pair for prices, "BTC" for the network. */
export function observationKey(observation: AcceptedObservation): string {
  return observation.kind === 'btc-price' ? observation.pair : 'BTC';
}

/** One rule a record broke; `line` is the 1-based record number in a batch or file. */
export interface RecordViolation {
  field: string;
  rule: string;
  message: string;
}
