import { Body, Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { RequireScope } from '@hashdesk/platform';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { MonteCarloRequestDto } from './dto/monte-carlo.request.dto';
import { RunMonteCarloUseCase, type MonteCarloResponse } from './run-monte-carlo.use-case';

@ApiTags('monte-carlo')
@UseFilters(RiskExceptionFilter)
@Controller('v1/risk')
export class MonteCarloController {
  constructor(private readonly useCase: RunMonteCarloUseCase) {}

  @RequireScope('risk:write') // a simulation writes nothing but costs CPU: callers are known and rate-limited
  @Post('monte-carlo')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Seeded Monte Carlo of one company (ticker) or of a list or "all" (tickers) on worker threads, every company on the same price and difficulty paths (common random numbers)',
    description:
      'Per company: P(negative cash margin) and P(runway under the floor) at 3/6/12 months and the horizon, fair value per share percentiles, VaR and CVaR, equity value ' +
      'quantiles, and the lowest runway reached within 12 months (quantiles; null = no cash burn). Each company uses its own period opex from the profile version risk holds; ' +
      'a missing figure takes the request\'s per-BTC assumption, else the illustrative Riot per-BTC figure, named in companies[].fallbacks (field and stand-in). ' +
      'ranking: riskiest first by P(negative cash margin within 12 months), then median lowest runway, then median equity value change. A company that cannot be ' +
      'simulated is listed in skippedCompanies with its reason (a single ticker that cannot is a 422).',
  })
  @ApiOkResponse({ description: 'the distributions per company, skippedCompanies with reasons, the ranking and pathSharing (the common-random-numbers statement)' })
  run(@Body() body: MonteCarloRequestDto): Promise<MonteCarloResponse> {
    return this.useCase.execute(body);
  }
}
