import { AlertEntity } from '../alerts/alert.entity';
import { RuleStateEntity } from '../alerts/rule-state.entity';
import { Alerts1732400000300 } from './1732400000300-alerts.migration';

export const riskEntities = [RuleStateEntity, AlertEntity];
export const riskMigrations = [Alerts1732400000300];
