import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { tabular, type HttpResponse } from '@hashdesk/platform';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { PolicyRegisterQueryDto } from './policy-register.query.dto';
import { PolicyRegisterRepository } from './policy-register.repository';

/** impact: −3 (severe adverse) … +3 (favourable), points; tickers joined with " | " in CSV. */
const POLICY_COLUMNS = ['eventId', 'jurisdiction', 'tickers', 'kind', 'impact', 'effectiveAt', 'learnedAt', 'title', 'sourceUrl', 'authority'];

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
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: '{items[{eventId, jurisdiction, tickers, kind, impact, effectiveAt, learnedAt, title, sourceUrl, authority}]}; CSV (attachment) or NDJSON: the items alone' })
  async list(@Query() q: PolicyRegisterQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const items = await this.register.list({ jurisdiction: q.jurisdiction, ticker: q.ticker?.toUpperCase() });
    const rows = items.map((e) => ({ ...e, effectiveAt: e.effectiveAt.toISOString(), learnedAt: e.learnedAt.toISOString() }));
    return tabular(res, q.format ?? 'json', POLICY_COLUMNS, rows, {}, 'policy-events');
  }
}
