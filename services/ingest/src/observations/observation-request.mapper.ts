import type { BtcPriceRequestDto } from './dto/btc-price.request.dto';
import type { NetworkSnapshotRequestDto } from './dto/network-snapshot.request.dto';
import type { BtcPriceObservation, NetworkSnapshotObservation, RecordViolation } from './observation.types';

/** A validated request body as an observation, or the shape rules it breaks beyond single fields. */
export type Mapped<T> = { observation: T; violations?: undefined } | { observation?: undefined; violations: RecordViolation[] };

export function btcPriceFromRequest(body: BtcPriceRequestDto): Mapped<BtcPriceObservation> {
  return {
    observation: { kind: 'btc-price', source: `push:${body.source ?? 'api'}`, pair: body.pair ?? 'BTC-USD', eventTime: new Date(body.observedAt), priceUsd: body.priceUsd },
  };
}

export function networkSnapshotFromRequest(body: NetworkSnapshotRequestDto): Mapped<NetworkSnapshotObservation> {
  if ((body.feesPerBlockSats === undefined) === (body.feesBtcPerBlock === undefined)) {
    return { violations: [{ field: 'feesPerBlockSats', rule: 'exactlyOne', message: 'give exactly one of feesPerBlockSats or feesBtcPerBlock' }] };
  }
  return {
    observation: {
      kind: 'network-snapshot',
      source: `push:${body.source ?? 'api'}`,
      eventTime: new Date(body.observedAt),
      height: body.height,
      difficulty: body.difficulty,
      feesPerBlockSats: body.feesPerBlockSats ?? Math.round((body.feesBtcPerBlock as number) * 100_000_000),
      feeWindowBlocks: body.feeWindowBlocks ?? 144,
    },
  };
}
