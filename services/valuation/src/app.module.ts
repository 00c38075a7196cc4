import { Module, type DynamicModule } from '@nestjs/common';
import { Topics } from '@hashdesk/contracts';
import { specOf } from '@hashdesk/messaging';
import { PlatformModule } from '@hashdesk/platform';
import type { ValuationEnv } from './config/valuation.config';
import { valuationEntities, valuationMigrations } from './migrations';
import { BacktestModule } from './backtest/backtest.module';
import { NetworkModule } from './network/network.module';

@Module({})
export class ValuationAppModule {
  /** `consume: false` for the replay, which calls the handlers itself. */
  static register(config: ValuationEnv, options: { consume?: boolean } = {}): DynamicModule {
    return {
      module: ValuationAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'valuation',
          infra: config,
          consume: options.consume,
          entities: valuationEntities,
          migrations: valuationMigrations,
          topics: [Topics.priceObserved, Topics.networkObserved, Topics.powerObserved, Topics.equityObserved, Topics.companyProfileRecorded, Topics.hashpriceComputed, Topics.hashpriceLatest, Topics.machinesComputed, Topics.companyValued, Topics.companyMarginProjected].map(specOf),
        }),
        NetworkModule,
        BacktestModule,
      ],
    };
  }
}
