import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { RequireScope, rowsBody, tabular, type HttpResponse } from '@hashdesk/platform';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { StandingScenarioResult } from '@hashdesk/economics';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { CompanyRiskUseCase, type CompanyRisk } from './company-risk.use-case';
import { CompanyScenariosUseCase, type CompanySensitivityGrid } from './company-scenarios.use-case';
import { AdHocScenarioRequestDto } from './dto/ad-hoc-scenario.request.dto';
import { CompanyRiskQueryDto } from './dto/company-risk.query.dto';
import { EvaluationHistoryQueryDto, ScenarioEvaluationQueryDto } from './dto/scenario-evaluation.query.dto';
import { SensitivityGridQueryDto } from './dto/sensitivity-grid.query.dto';
import type { StoredScenarioEvaluation } from './scenario-evaluations.repository';
import { SCENARIO_TABLE_COLUMNS, scenarioTableRows, type ScenarioTableSource } from './scenario-table.mapper';
import { UNIVERSE_COLUMNS, universeRow } from './universe-row.mapper';

const DEFAULT_HISTORY_LIMIT = 100;

@ApiTags('scenarios')
@UseFilters(RiskExceptionFilter)
@Controller('v1/risk')
export class ScenariosController {
  constructor(
    private readonly useCase: CompanyRiskUseCase,
    private readonly evaluated: CompanyScenariosUseCase,
  ) {}

  @Get('companies/:ticker/scenarios')
  @ApiOperation({
    summary: "The company's standing scenarios and risk score as last evaluated on a valuation.company.valued.v1 event "
      + '(or the newest one with valuation as-of at or before ?asOf=, no look-ahead); 404 before the first',
    description: 'JSON: the stored evaluation. CSV and NDJSON: its scenario table, one row per scenario, base first: '
      + `${SCENARIO_TABLE_COLUMNS.join(', ')}.`,
  })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  async scenarios(@Param('ticker') ticker: string, @Query() query: ScenarioEvaluationQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<StoredScenarioEvaluation | string> {
    const stored = await this.evaluated.latest(ticker, query.asOf);
    if ((query.format ?? 'json') === 'json') return stored;
    const table = (stored.evaluation as { standingScenarios?: ScenarioTableSource }).standingScenarios ?? {};
    return rowsBody(res, query.format as 'csv' | 'ndjson', SCENARIO_TABLE_COLUMNS, scenarioTableRows(stored.ticker, stored.asOf, table), `${stored.ticker}-scenarios`);
  }

  @Get('companies/:ticker/evaluations')
  @ApiOperation({
    summary: "The company's stored scenario evaluations, newest first (with ?asOf=, those whose valuation as-of is at or before it), "
      + 'one row each, with the columns of GET /v1/risk/universe',
  })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'JSON {columns, page{limit}, items}; CSV (attachment) or NDJSON: the rows alone' })
  async evaluations(@Param('ticker') ticker: string, @Query() query: EvaluationHistoryQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const limit = query.limit ?? DEFAULT_HISTORY_LIMIT;
    const rows = (await this.evaluated.history(ticker, limit, query.asOf)).map(universeRow);
    const file = `${String(rows[0]?.ticker ?? ticker.toUpperCase())}-evaluations`;
    return tabular(res, query.format ?? 'json', UNIVERSE_COLUMNS, rows, { columns: UNIVERSE_COLUMNS, page: { limit } }, file);
  }

  @Get('companies/:ticker/grid')
  @ApiOperation({
    summary: 'A sensitivity table (BTC price × power price, or BTC price × difficulty growth a year ahead) of one metric, '
      + "at the company's newest stored evaluation market (else the newest hashprice figure)",
  })
  grid(@Param('ticker') ticker: string, @Query() query: SensitivityGridQueryDto): Promise<CompanySensitivityGrid> {
    return this.evaluated.grid(ticker, query);
  }

  @Get('companies/:ticker')
  @ApiOperation({ summary: "A company's standing stress scenarios, balance-sheet risk and risk score (market inputs default to the newest hashprice figure)" })
  company(@Param('ticker') ticker: string, @Query() query: CompanyRiskQueryDto): Promise<CompanyRisk> {
    return this.useCase.companyRisk(ticker, query);
  }

  @RequireScope('risk:write') // ad-hoc scenarios write nothing but cost CPU
  @Post('scenarios')
  @HttpCode(200)
  @ApiOperation({ summary: 'An ad hoc scenario for a company: margin, cost per BTC vs price, EBITDA, runway and fair value per share, base and shocked' })
  scenario(@Body() body: AdHocScenarioRequestDto): Promise<StandingScenarioResult> {
    return this.useCase.adHoc(body);
  }
}
