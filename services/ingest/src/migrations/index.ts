import { CompanyProfileVersionEntity } from '../companies/company-profile-version.entity';
import { ObservationEntity } from '../observations/observation.entity';
import { Observations1732400000100 } from './1732400000100-observations.migration';
import { QuarantineAndSourceOrder1732400000200 } from './1732400000200-quarantine-and-source-order.migration';
import { CompanyProfiles1732400000300 } from './1732400000300-company-profiles.migration';
import { PolicyEvents1732400000400 } from './1732400000400-policy-events.migration';

export const ingestEntities = [ObservationEntity, CompanyProfileVersionEntity];
export const ingestMigrations = [Observations1732400000100, QuarantineAndSourceOrder1732400000200, CompanyProfiles1732400000300, PolicyEvents1732400000400];
