import { ValuationLz41732400001900 } from './1732400001900-valuation-lz4.migration';
import { CompanyProfileEntity } from '../companies/company-profile.entity';
import { CompanyValuationEntity } from '../companies/company-valuation.entity';
import { EquityQuoteEntity } from '../companies/equity-quote.entity';
import { MarketInputEntity } from '../companies/market-input.entity';
import { HashpriceMetricEntity } from '../network/hashprice-metric.entity';
import { NetworkInputEntity } from '../network/network-input.entity';
import { MarginProjectionEntity } from '../retarget/margin-projection.entity';
import { NetworkState1732400000200 } from './1732400000200-network-state.migration';
import { CompanyValuation1732400000300 } from './1732400000300-company-valuation.migration';
import { EquityQuote1732400000400 } from './1732400000400-equity-quote.migration';
import { MarginProjection1732400000500 } from './1732400000500-margin-projection.migration';
import { SnapshotHeightIndex1732400000600 } from './1732400000600-snapshot-height-index.migration';
import { PowerPrice1732400000700 } from './1732400000700-power-price.migration';
import { PowerPriceHistory1732400000800 } from './1732400000800-power-price-history.migration';
import { HashpriceKnownAt1732400000900 } from './1732400000900-hashprice-known-at.migration';

export const valuationEntities = [NetworkInputEntity, HashpriceMetricEntity, MarketInputEntity, CompanyProfileEntity, CompanyValuationEntity, EquityQuoteEntity, MarginProjectionEntity];
export const valuationMigrations = [NetworkState1732400000200, CompanyValuation1732400000300, EquityQuote1732400000400, MarginProjection1732400000500, SnapshotHeightIndex1732400000600, PowerPrice1732400000700, PowerPriceHistory1732400000800, HashpriceKnownAt1732400000900, ValuationLz41732400001900];
