import { Module } from '@nestjs/common';
import { BacktestController } from './backtest.controller';
import { CompanyBacktestQuery } from './company-backtest.query';
import { CompanyBacktestRepository } from './company-backtest.repository';

/** The model against reported figures (GET /v1/companies/{ticker}/backtest). */
@Module({
  controllers: [BacktestController],
  providers: [CompanyBacktestQuery, CompanyBacktestRepository],
})
export class BacktestModule {}
