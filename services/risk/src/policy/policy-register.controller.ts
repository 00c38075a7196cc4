import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { PolicyRegisterQueryDto } from './policy-register.query.dto';
import { PolicyRegisterRepository, type PolicyEventView } from './policy-register.repository';

@ApiTags('policy')
@UseFilters(RiskExceptionFilter)
@Controller('v1/risk/policy-events')
export class PolicyRegisterController {
  constructor(private readonly register: PolicyRegisterRepository) {}

  @Get()
  @ApiOperation({
    summary: 'The policy and permit register, newest first, by jurisdiction and/or company (entered through ingest POST /v1/policy-events)',
    description: "ticker: the entries naming the company, and the jurisdiction-wide ones (no company named) where an entry names it, as the company's risk score reads them",
  })
  @ApiOkResponse({ description: '{items[{eventId, jurisdiction, tickers, kind, impact, effectiveAt, learnedAt, title, sourceUrl, authority}]}' })
  async list(@Query() q: PolicyRegisterQueryDto): Promise<{ items: PolicyEventView[] }> {
    return { items: await this.register.list({ jurisdiction: q.jurisdiction, ticker: q.ticker?.toUpperCase() }) };
  }
}
