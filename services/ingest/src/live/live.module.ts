import { Module, type DynamicModule } from '@nestjs/common';
import type { IngestEnv } from '../config/ingest.config';
import { CompaniesModule } from '../companies/companies.module';
import { ObservationsModule } from '../observations/observations.module';
import { AdapterMetricsController } from './adapter-metrics.controller';
import { AdapterScheduler, LIVE_ADAPTERS } from './adapter-scheduler.service';
import { createLiveAdapters } from './live-adapters.factory';

/** Live polling of the configured providers (none unless their base URLs are set). */
@Module({})
export class LiveModule {
  static register(config: IngestEnv): DynamicModule {
    return {
      module: LiveModule,
      imports: [ObservationsModule, CompaniesModule],
      controllers: [AdapterMetricsController],
      providers: [{ provide: LIVE_ADAPTERS, useFactory: () => createLiveAdapters(config) }, AdapterScheduler],
    };
  }
}
