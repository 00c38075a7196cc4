import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import { specOf } from '@hashdesk/messaging';
import { PlatformModule } from '@hashdesk/platform';
import type { IngestEnv } from './config/ingest.config';
import { ingestEntities, ingestMigrations } from './migrations';
import { BackfillModule } from './backfill/backfill.module';
import { CompaniesModule } from './companies/companies.module';
import { LiveModule } from './live/live.module';
import { ObservationsModule } from './observations/observations.module';
import { PolicyModule } from './policy/policy.module';

@Module({})
export class IngestAppModule {
  static register(config: IngestEnv, options: { live?: boolean } = {}): DynamicModule {
    return {
      module: IngestAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'ingest',
          infra: config,
          entities: ingestEntities,
          migrations: ingestMigrations,
          topics: [specOf(Topics.priceObserved), specOf(Topics.equityObserved), specOf(Topics.powerObserved), specOf(Topics.networkObserved), specOf(Topics.observationQuarantined), specOf(Topics.companyProfileRecorded), specOf(Topics.policyEventRecorded)],
        }),
        ObservationsModule,
        BackfillModule,
        CompaniesModule,
        PolicyModule,
        ...(options.live === false ? [] : [LiveModule.register(config)]),
      ],
    };
  }
}
