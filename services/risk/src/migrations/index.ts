import { EvaluationLz41732400000390 } from './1732400000390-evaluation-lz4.migration';
import { AlertEntity } from '../alerts/alert.entity';
import { RuleStateEntity } from '../alerts/rule-state.entity';
import { ScenarioEvaluationEntity } from '../scenarios/scenario-evaluation.entity';
import { StopLineEntity } from '../watchlists/stop-line.entity';
import { WatchlistEntryEntity } from '../watchlists/watchlist-entry.entity';
import { Alerts1732400000300 } from './1732400000300-alerts.migration';
import { Watchlists1732400000310 } from './1732400000310-watchlists.migration';
import { ScenarioEvaluations1732400000320 } from './1732400000320-scenario-evaluations.migration';
import { PolicyEvents1732400000330 } from './1732400000330-policy-events.migration';
import { CompanyProfileVersions1732400000340 } from './1732400000340-company-profile-versions.migration';
import { StopLineEnabled1732400000350 } from './1732400000350-stop-line-enabled.migration';
import { ProfileVersionLearnedTime1732400000360 } from './1732400000360-profile-version-learned-time.migration';
import { WatchlistOwner1732400000370 } from './1732400000370-watchlist-owner.migration';

export const riskEntities = [RuleStateEntity, AlertEntity, WatchlistEntryEntity, StopLineEntity, ScenarioEvaluationEntity];
export const riskMigrations = [Alerts1732400000300, Watchlists1732400000310, ScenarioEvaluations1732400000320, PolicyEvents1732400000330, CompanyProfileVersions1732400000340, StopLineEnabled1732400000350, ProfileVersionLearnedTime1732400000360, WatchlistOwner1732400000370, EvaluationLz41732400000390];
