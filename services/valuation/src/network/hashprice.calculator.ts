import { createHash } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HashpriceComputedSchema, InputRefSchema, LineageSchema, type HashpriceComputed } from '@hashdesk/contracts';
import { blockSubsidySats, networkHashprice, satsToBtc } from '@hashdesk/economics';
import type { NetworkInputEntity } from './network-input.entity';

/** Bumped whenever the computation changes, so that replays can tell old figures from new ones. */
export const HASHPRICE_METHODOLOGY_VERSION = 'hashprice/1 (reward = subsidy(height) + mean fees per block; D*2^32; no pool fee)';

/** Pure: the hashprice figure for a price input and a network input. Same inputs → same bytes. */
export function computeHashprice(price: NetworkInputEntity, network: NetworkInputEntity): HashpriceComputed {
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
  const inputs = [price, network].map((input) =>
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
  });
}

export function metricIdFor(priceEventId: string, networkEventId: string): string {
  const digest = createHash('sha256').update(`${HASHPRICE_METHODOLOGY_VERSION}|${priceEventId}|${networkEventId}`).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-8${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
