import { HashpriceMetricEntity } from '../network/hashprice-metric.entity';
import { NetworkInputEntity } from '../network/network-input.entity';
import { NetworkState1732400000200 } from './1732400000200-network-state.migration';

export const valuationEntities = [NetworkInputEntity, HashpriceMetricEntity];
export const valuationMigrations = [NetworkState1732400000200];
