import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StandingScenarioResult } from '@hashdesk/economics';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { CompanyRiskUseCase, type CompanyRisk } from './company-risk.use-case';
import { AdHocScenarioRequestDto } from './dto/ad-hoc-scenario.request.dto';
import { CompanyRiskQueryDto } from './dto/company-risk.query.dto';

@ApiTags('scenarios')
@UseFilters(RiskExceptionFilter)
@Controller('v1/risk')
export class ScenariosController {
  constructor(private readonly useCase: CompanyRiskUseCase) {}

  @Get('companies/:ticker')
  @ApiOperation({ summary: "A company's standing stress scenarios, balance-sheet risk and risk score (market inputs default to the newest hashprice figure)" })
  company(@Param('ticker') ticker: string, @Query() query: CompanyRiskQueryDto): Promise<CompanyRisk> {
    return this.useCase.companyRisk(ticker, query);
  }

  @Post('scenarios')
  @HttpCode(200)
  @ApiOperation({ summary: 'An ad hoc scenario for a company: margin, cost per BTC vs price, EBITDA, runway and fair value per share, base and shocked' })
  scenario(@Body() body: AdHocScenarioRequestDto): Promise<StandingScenarioResult> {
    return this.useCase.adHoc(body);
  }
}
