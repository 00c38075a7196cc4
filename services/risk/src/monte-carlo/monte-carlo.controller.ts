import { Body, Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { RequireScope } from '@hashdesk/platform';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { MonteCarloRequestDto } from './dto/monte-carlo.request.dto';
import { RunMonteCarloUseCase } from './run-monte-carlo.use-case';

@ApiTags('monte-carlo')
@UseFilters(RiskExceptionFilter)
@Controller('v1/risk')
export class MonteCarloController {
  constructor(private readonly useCase: RunMonteCarloUseCase) {}

  @RequireScope('risk:write') // a simulation writes nothing but costs CPU: callers are known and rate-limited
  @Post('monte-carlo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Seeded Monte Carlo of a company (GBM or block bootstrap) on worker threads: P(negative cash margin), P(runway under the floor) at 3/6/12 months, fair value per share percentiles, VaR and CVaR' })
  run(@Body() body: MonteCarloRequestDto): Promise<unknown> {
    return this.useCase.execute(body);
  }
}
