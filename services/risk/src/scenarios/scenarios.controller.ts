import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { RequireScope } from '@hashdesk/platform';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StandingScenarioResult } from '@hashdesk/economics';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { CompanyRiskUseCase, type CompanyRisk } from './company-risk.use-case';
import { CompanyScenariosUseCase, type CompanySensitivityGrid } from './company-scenarios.use-case';
import { AdHocScenarioRequestDto } from './dto/ad-hoc-scenario.request.dto';
import { CompanyRiskQueryDto } from './dto/company-risk.query.dto';
import { ScenarioEvaluationQueryDto } from './dto/scenario-evaluation.query.dto';
import { SensitivityGridQueryDto } from './dto/sensitivity-grid.query.dto';
import type { StoredScenarioEvaluation } from './scenario-evaluations.repository';

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
  })
  scenarios(@Param('ticker') ticker: string, @Query() query: ScenarioEvaluationQueryDto): Promise<StoredScenarioEvaluation> {
    return this.evaluated.latest(ticker, query.asOf);
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
