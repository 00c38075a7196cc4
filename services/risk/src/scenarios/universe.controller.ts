import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { tabular, type HttpResponse } from '@hashdesk/platform';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { UniverseQueryDto } from './dto/universe.query.dto';
import { UNIVERSE_COLUMNS } from './universe-row.mapper';
import { UniverseUseCase } from './universe.use-case';

const DEFAULT_LIMIT = 500;

@ApiTags('scenarios')
@UseFilters(RiskExceptionFilter)
@Controller('v1/risk')
export class UniverseController {
  constructor(private readonly universe: UniverseUseCase) {}

  @Get('universe')
  @ApiOperation({
    summary: 'The standing scenarios of every company as one table: one row per company, its newest scenario evaluation '
      + '(with ?asOf=, the newest whose valuation as-of is at or before it: no look-ahead)',
    description: 'Columns (units in the names): ticker, asOf, knownAt, valuationEventTime, btcPriceUsd, hashpriceUsdPerPhDay, sharePriceUsd, '
      + 'riskScore0To100, <component>Component0To1 (leverage, runway, scenarioFragility, powerPriceExposure, dilution, policy), unknownRiskComponents, '
      + 'base.<metric> (allInMarginRatio, directMarginRatio, allInCostPerBtcUsd, breakEvenBtcPriceUsd, ebitdaRunRateUsdPerYear, netCashFlowUsdPerMonth, '
      + 'liquidityRunwayMonths, equityValuePerShareUsd), <scenario slug>.<metric> for each standing scenario (allInMarginRatio, netCashFlowUsdPerMonth, '
      + 'liquidityRunwayMonths, breakEvenBtcPriceUsd, equityValuePerShareChangeRatio; slug e.g. btc-minus-20-pct), evaluationId, valuationId, valuationEventId. '
      + 'Unknown figures are null (empty in CSV); an empty runway with a cash flow ≥ 0 means no burn.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'JSON {asOf, sort, order, columns, page{limit, total}, items}; CSV (RFC 4180, one header row, attachment risk-universe.csv) or NDJSON: the rows alone' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  async table(@Query() q: UniverseQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const sort = q.sort ?? 'riskScore0To100';
    const order = q.order ?? 'desc';
    const limit = q.limit ?? DEFAULT_LIMIT;
    const { rows, total } = await this.universe.table({ asOf: q.asOf === undefined ? undefined : new Date(q.asOf), sort, order, limit });
    return tabular(res, q.format ?? 'json', UNIVERSE_COLUMNS, rows, { asOf: q.asOf ?? null, sort, order, columns: UNIVERSE_COLUMNS, page: { limit, total } }, 'risk-universe');
  }
}
