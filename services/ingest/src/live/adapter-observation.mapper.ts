import type { Observation } from '../adapters';
import type { AcceptedObservation } from '../observations/observation.types';

/**
 * The adapter observations the service records and publishes: network snapshots, the BTC reference
 * price, equity quotes and daily closes, retail and wholesale power prices (normalised to USD/kWh).
 * The other kinds (single blocks, single exchanges' quotes that the reference price already combines,
 * SEC XBRL facts) have no topic yet and are left out (counted in the scheduler's state).
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
    case 'equity-quote':
      return {
        kind: 'equity-quote',
        source: observation.source,
        ticker: observation.key.toUpperCase(),
        eventTime: observation.eventTime,
        priceUsd: observation.priceUsd,
        quoteType: 'intraday',
        tradingDay: observation.tradingDay ?? undefined,
        previousCloseUsd: observation.previousCloseUsd ?? undefined,
      };
    case 'equity-daily-bar':
      return {
        kind: 'equity-quote',
        source: observation.source,
        ticker: observation.key.toUpperCase(),
        eventTime: observation.eventTime,
        priceUsd: observation.closeUsd,
        quoteType: 'daily-close',
        tradingDay: observation.tradingDay,
        volumeShares: observation.volumeShares ?? undefined,
      };
    case 'power-retail-price':
      return {
        kind: 'power-price',
        source: observation.source,
        region: `EIA:${observation.stateId}:${observation.sector}`,
        eventTime: observation.eventTime,
        powerUsdPerKwh: observation.powerUsdPerKwh,
        marketType: 'retail',
        intervalMinutes: 0,
        period: observation.period,
      };
    case 'power-wholesale-price':
      return {
        kind: 'power-price',
        source: observation.source,
        region: `ERCOT:${observation.market}:${observation.settlementPoint}`,
        eventTime: observation.intervalEndsAt,
        // ERCOT settles in USD/MWh.
        powerUsdPerKwh: observation.powerUsdPerMwh / 1000,
        marketType: 'wholesale',
        intervalMinutes: observation.intervalMinutes,
        period: observation.deliveryDate,
      };
    default:
      return undefined;
  }
}
