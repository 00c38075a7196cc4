import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { badRequest, DATA_SOURCE, tabular, type HttpResponse } from '@hashdesk/platform';
import { OffsetPageQueryDto } from '../http/query-params.dto';

const COLUMNS = [
  'ticker', 'retargetHeight', 'status', 'asOf', 'height', 'currentDifficulty', 'nextDifficulty', 'difficultyChangePct', 'projectedDifficulty', 'btcPriceUsd',
  'powerMarginRatioBefore', 'powerMarginRatioAfter', 'allInMarginRatioBefore', 'allInMarginRatioAfter', 'projectionId',
] as const;

@ApiTags('companies')
@Controller('v1/companies')
export class MarginProjectionsController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get(':ticker/margin-projections')
  @ApiOperation({ summary: "A company's margin change at each difficulty adjustment: projected before it, confirmed after it, newest first" })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'CompanyMarginProjected rows: {items, page{limit, offset, nextOffset}}' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  async list(@Param('ticker') ticker: string, @Query() q: OffsetPageQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    if (!/^[A-Z0-9.]{1,10}$/.test(ticker)) throw badRequest([{ field: 'ticker', rule: 'tickerFormat', message: 'must be 1-10 upper-case letters, digits or dots' }]);
    const limit = q.limit ?? 500;
    const offset = q.offset ?? 0;
    const rows: Array<{ status: string; message: Record<string, unknown> }> = await this.dataSource.query(
      'SELECT status, message FROM margin_projection WHERE ticker = $1 ORDER BY retarget_height DESC, status DESC LIMIT $2 OFFSET $3',
      [ticker, limit, offset],
    );
    const items = rows.map(({ status, message }) => ({
      ...Object.fromEntries(COLUMNS.map((c) => [c, (message[c] as string | number | undefined) ?? null])),
      status,
    }));
    return tabular(res, q.format ?? 'json', COLUMNS, items, { page: { limit, offset, nextOffset: items.length === limit ? offset + limit : null } });
  }
}
