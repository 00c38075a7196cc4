import { IsIn } from 'class-validator';
import { BtcPriceRequestDto } from './btc-price.request.dto';
import { NetworkSnapshotRequestDto } from './network-snapshot.request.dto';

/** One NDJSON line of a batch: a btc-price body plus "kind": "btc-price". */
export class BtcPriceRecordDto extends BtcPriceRequestDto {
  @IsIn(['btc-price'], { message: 'must be btc-price or network-snapshot' })
  kind!: 'btc-price';
}

/** One NDJSON line of a batch: a network-snapshot body plus "kind": "network-snapshot". */
export class NetworkSnapshotRecordDto extends NetworkSnapshotRequestDto {
  @IsIn(['network-snapshot'], { message: 'must be btc-price or network-snapshot' })
  kind!: 'network-snapshot';
}
