import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HashpriceComputedSchema, InputRefSchema, LineageSchema, RetargetOutlookSchema, type HashpriceComputed, type RetargetOutlook } from '@hashdesk/contracts';
import { blockSubsidySats, networkHashprice, satsToBtc } from '@hashdesk/economics';
import { projectNextRetarget } from '../retarget/next-retarget.calculator';
import type { ReferenceSnapshot } from '../retarget/period-reference.query';
import type { NetworkInputEntity } from './network-input.entity';
import { derivedEventId } from '@hashdesk/messaging';

/** Bumped whenever the computation changes, so that replays can tell old figures from new ones. */
export const HASHPRICE_METHODOLOGY_VERSION = 'hashprice/2 (reward = subsidy(height) + mean fees per block; D*2^32; no pool fee; next retarget at the period pace since its earliest snapshot)';

type Input = Pick<NetworkInputEntity, 'eventId' | 'eventType' | 'eventTime' | 'values'>;

/**
 * Pure: the hashprice figure for a price input and a network input, with the next retarget projected
 * from the period's reference snapshot when one is given. Same inputs → same bytes.
 */
export function computeHashprice(price: Input, network: Input, reference?: ReferenceSnapshot): HashpriceComputed {
  const height = network.values.height;
  const subsidySats = blockSubsidySats(height);
  const feesPerBlockSats = network.values.feesPerBlockSats;
  const btcPriceUsd = price.values.priceUsd;
  const figures = networkHashprice({
    difficulty: network.values.difficulty,
    subsidyBtc: satsToBtc(subsidySats),
    feesBtcPerBlock: satsToBtc(feesPerBlockSats),
    btcPriceUsd,
  });
  const nextRetarget = reference && retargetOutlook(network, reference, feesPerBlockSats, subsidySats, btcPriceUsd);
  const inputs = (nextRetarget ? [price, network, reference] : [price, network]).map((input) =>
    create(InputRefSchema, { eventId: input.eventId, eventType: input.eventType, eventTime: timestampFromDate(input.eventTime) }),
  );
  const asOf = new Date(Math.max(price.eventTime.getTime(), network.eventTime.getTime()));
  return create(HashpriceComputedSchema, {
    metricId: metricIdFor(price.eventId, network.eventId),
    asOf: timestampFromDate(asOf),
    height,
    difficulty: network.values.difficulty,
    subsidySats: BigInt(subsidySats),
    feesPerBlockSats: BigInt(feesPerBlockSats),
    btcPriceUsd,
    hashrateEhs: figures.hashrateEhs,
    feeShareOfReward: figures.feeShareOfReward,
    hashpriceBtcPerPhDay: figures.hashpriceBtcPerPhDay,
    hashpriceUsdPerPhDay: figures.hashpriceUsdPerPhDay,
    lineage: create(LineageSchema, { inputs, methodologyVersion: HASHPRICE_METHODOLOGY_VERSION }),
    nextRetarget,
  });
}

/** The projected retarget and the hashprice at its difficulty, with the same price, subsidy and fees. */
function retargetOutlook(network: Input, reference: ReferenceSnapshot, feesPerBlockSats: number, subsidySats: number, btcPriceUsd: number): RetargetOutlook | undefined {
  const position = (input: ReferenceSnapshot) => ({ height: input.values.height, difficulty: input.values.difficulty, eventTime: input.eventTime });
  const next = projectNextRetarget(position(network), position(reference));
  if (!next) return undefined;
  const after = networkHashprice({ difficulty: next.projectedDifficulty, subsidyBtc: satsToBtc(subsidySats), feesBtcPerBlock: satsToBtc(feesPerBlockSats), btcPriceUsd });
  return create(RetargetOutlookSchema, {
    retargetHeight: next.retargetHeight,
    blocksRemaining: next.blocksRemaining,
    meanBlockIntervalSeconds: next.meanBlockIntervalSeconds,
    projectedAt: timestampFromDate(next.projectedAt),
    projectedDifficulty: next.projectedDifficulty,
    difficultyChangePct: next.difficultyChangePct,
    hashpriceBtcPerPhDayAfter: after.hashpriceBtcPerPhDay,
    hashpriceUsdPerPhDayAfter: after.hashpriceUsdPerPhDay,
  });
}

export function metricIdFor(priceEventId: string, networkEventId: string): string {
  return derivedEventId(HASHPRICE_METHODOLOGY_VERSION, priceEventId, networkEventId);
}

/** The event id of a figure's copy on the compacted latest topic: its own, so that replays repeat it. */
export function latestEventIdFor(metricId: string): string {
  return derivedEventId('hashprice-latest', metricId);
}
