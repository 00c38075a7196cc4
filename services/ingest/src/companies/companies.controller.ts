import { Body, Controller, HttpCode, Param, Post, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope, badRequest } from '@hashdesk/platform';
import { CompanyProfileExceptionFilter } from './company-profile-exception.filter';
import { CompanyFigureRequestDto } from './dto/company-figure.request.dto';
import { RecordCompanyProfileUseCase, type RecordProfileResult } from './record-company-profile.use-case';

const TICKER = /^[A-Z0-9.]{1,10}$/;

@ApiTags('companies')
@RequireScope('ingest:write')
@Controller('v1/companies')
@UseFilters(CompanyProfileExceptionFilter)
export class CompaniesController {
  constructor(private readonly record: RecordCompanyProfileUseCase) {}

  @Post('profiles')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit a whole company profile (company profile format v1, schemas/company-profile.schema.json)',
    description: 'A new version with its event time (the profile asOf) and learned time; earlier versions are kept. The same content again publishes nothing.',
  })
  @ApiBody({ schema: { type: 'object', description: 'A company profile, e.g. data/companies/riot.json' } })
  @ApiAcceptedResponse({ description: '{ticker, version, versionId, eventTime, published}' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}] name the JSON path and the rule it breaks' })
  submitProfile(@Body() body: unknown): Promise<RecordProfileResult> {
    return this.record.recordProfile(body, 'http:profile');
  }

  @Post(':ticker/figures')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit one figure (a restatement or an update) with its as-of date and source',
    description: 'Applied to the newest version of the profile; the result is a new version, the old one is kept.',
  })
  @ApiAcceptedResponse({ description: '{ticker, version, versionId, eventTime, published}' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  @ApiNotFoundResponse({ description: 'No profile for this ticker yet' })
  submitFigure(@Param('ticker') ticker: string, @Body() body: CompanyFigureRequestDto): Promise<RecordProfileResult> {
    if (!TICKER.test(ticker)) throw badRequest([{ field: 'ticker', rule: 'tickerFormat', message: 'must be 1-10 upper-case letters, digits or dots' }]);
    return this.record.recordFigure(ticker, body, `http:figure ${body.path}`);
  }
}
