import { ObservationEntity } from '../observations/observation.entity';
import { Observations1732400000100 } from './1732400000100-observations.migration';

export const ingestEntities = [ObservationEntity];
export const ingestMigrations = [Observations1732400000100];
