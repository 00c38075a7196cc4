import { AlertEntity } from '../alerts/alert.entity';
import { RuleStateEntity } from '../alerts/rule-state.entity';
import { StopLineEntity } from '../watchlists/stop-line.entity';
import { WatchlistEntryEntity } from '../watchlists/watchlist-entry.entity';
import { Alerts1732400000300 } from './1732400000300-alerts.migration';
import { Watchlists1732400000310 } from './1732400000310-watchlists.migration';

export const riskEntities = [RuleStateEntity, AlertEntity, WatchlistEntryEntity, StopLineEntity];
export const riskMigrations = [Alerts1732400000300, Watchlists1732400000310];
