import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BtcPriceObservedSchema, EquityQuoteObservedSchema, NetworkSnapshotObservedSchema, PowerPriceObservedSchema, Topics } from '@hashdesk/contracts';
import type { OutboxMessage } from '@hashdesk/messaging';
import type { DescMessage } from '@bufbuild/protobuf';
import type { AcceptedObservation } from './observation.types';

/** The event an accepted observation publishes: its id is the observation id, so a re-send is the same event. */
export function observationEvent(observation: AcceptedObservation, id: string, learnedAt: Date, traceparent: string): OutboxMessage<DescMessage> {
  const common = {
    eventId: id,
    eventTime: observation.eventTime,
    traceparent,
  };
  if (observation.kind === 'btc-price') {
    return {
      ...common,
      entry: Topics.priceObserved,
      subject: observation.pair,
      message: create(BtcPriceObservedSchema, {
        observationId: id,
        eventTime: timestampFromDate(observation.eventTime),
        learnedTime: timestampFromDate(learnedAt),
        pair: observation.pair,
        priceUsd: observation.priceUsd,
        source: observation.source,
        componentSources: observation.componentSources ?? [],
      }),
    } as OutboxMessage<DescMessage>;
  }
  if (observation.kind === 'equity-quote') {
    return {
      ...common,
      entry: Topics.equityObserved,
      subject: observation.ticker,
      message: create(EquityQuoteObservedSchema, {
        observationId: id,
        eventTime: timestampFromDate(observation.eventTime),
        learnedTime: timestampFromDate(learnedAt),
        ticker: observation.ticker,
        priceUsd: observation.priceUsd,
        source: observation.source,
        tradingDay: observation.tradingDay ?? '',
        quoteType: observation.quoteType,
        previousCloseUsd: observation.previousCloseUsd ?? 0,
        volumeShares: observation.volumeShares ?? 0,
      }),
    } as OutboxMessage<DescMessage>;
  }
  if (observation.kind === 'power-price') {
    return {
      ...common,
      entry: Topics.powerObserved,
      subject: observation.region,
      message: create(PowerPriceObservedSchema, {
        observationId: id,
        eventTime: timestampFromDate(observation.eventTime),
        learnedTime: timestampFromDate(learnedAt),
        region: observation.region,
        powerUsdPerKwh: observation.powerUsdPerKwh,
        source: observation.source,
        marketType: observation.marketType,
        intervalMinutes: observation.intervalMinutes,
        period: observation.period,
      }),
    } as OutboxMessage<DescMessage>;
  }
  return {
    ...common,
    entry: Topics.networkObserved,
    subject: 'BTC',
    message: create(NetworkSnapshotObservedSchema, {
      observationId: id,
      eventTime: timestampFromDate(observation.eventTime),
      learnedTime: timestampFromDate(learnedAt),
      height: observation.height,
      difficulty: observation.difficulty,
      feesPerBlockSats: BigInt(observation.feesPerBlockSats),
      feeWindowBlocks: observation.feeWindowBlocks,
      source: observation.source,
    }),
  } as OutboxMessage<DescMessage>;
}
