import type { Observation } from '../adapters';
import type { AcceptedObservation } from '../observations/observation.types';

/**
 * The adapter observations the service records and publishes today: network snapshots and the BTC
 * reference price. The other kinds (blocks, quotes of single exchanges, equities, power, fundamentals)
 * have no topic yet and are left out (counted in the scheduler's state).
 */
export function toRecordable(observation: Observation): AcceptedObservation | undefined {
  switch (observation.kind) {
    case 'network-snapshot':
      return {
        kind: 'network-snapshot',
        source: observation.source,
        eventTime: observation.eventTime,
        height: observation.height,
        difficulty: observation.difficulty,
        feesPerBlockSats: observation.feesPerBlockSats,
        feeWindowBlocks: observation.feeWindowBlocks,
      };
    case 'btc-reference-price':
      return {
        kind: 'btc-price',
        source: observation.source,
        pair: observation.key,
        eventTime: observation.eventTime,
        priceUsd: observation.priceUsd,
        componentSources: observation.componentSources,
      };
    default:
      return undefined;
  }
}
