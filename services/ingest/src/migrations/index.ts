import { ObservationEntity } from '../observations/observation.entity';
import { Observations1732400000100 } from './1732400000100-observations.migration';
import { QuarantineAndSourceOrder1732400000200 } from './1732400000200-quarantine-and-source-order.migration';

export const ingestEntities = [ObservationEntity];
export const ingestMigrations = [Observations1732400000100, QuarantineAndSourceOrder1732400000200];
