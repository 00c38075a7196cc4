import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  OwnedResource, RequireScope, refuseNulls, CurrentPrincipal, grants, type ApiPrincipal, UuidParamPipe, FormatQueryDto, rowsBody, type HttpResponse,
} from '@hashdesk/platform';
import { RiskExceptionFilter } from '../common/risk-exception.filter';
import { CompanyProfilesService } from '../companies/company-profiles.service';
import { CreateStopLineUseCase } from './create-stop-line.use-case';
import { EquityQuoteRequestDto } from './dto/equity-quote.request.dto';
import { CreateStopLineRequestDto, UpdateStopLineRequestDto } from './dto/stop-line.request.dto';
import { CreateWatchlistEntryRequestDto, UpdateWatchlistEntryRequestDto } from './dto/watchlist-entry.request.dto';
import { RecordEquityQuoteUseCase } from './record-equity-quote.use-case';
import { WATCHLIST_COLUMNS, watchlistRows } from './watchlist-row.mapper';
import { WatchlistsRepository, type OwnerScope, type StopLineView, type WatchlistEntryView } from './watchlists.repository';

/** An admin key reaches every owner's entries; any other key its owner's only. The gate guarantees a principal here. */
const scopeOf = (principal: ApiPrincipal | undefined): OwnerScope => (principal && grants(principal, 'admin') ? 'all' : { owner: principal?.owner ?? '' });

const uuid = new UuidParamPipe('4');

@ApiTags('watchlist')
@UseFilters(RiskExceptionFilter)
@OwnedResource('risk:write') // an entry belongs to the key owner that made it
@Controller('v1/risk')
export class WatchlistsController {
  constructor(
    private readonly repository: WatchlistsRepository,
    private readonly profiles: CompanyProfilesService,
    private readonly createLine: CreateStopLineUseCase,
    private readonly quotes: RecordEquityQuoteUseCase,
  ) {}

  @Post('watchlist')
  @ApiOperation({ summary: 'Add a company of data/companies to the watchlist' })
  createEntry(@Body() body: CreateWatchlistEntryRequestDto, @CurrentPrincipal() principal?: ApiPrincipal): Promise<WatchlistEntryView> {
    const ticker = this.profiles.get(body.ticker).ticker;
    return this.repository.createEntry(ticker, body.note ?? null, principal?.owner ?? 'operator');
  }

  @Get('watchlist')
  @ApiOperation({
    summary: 'Every watchlist entry with its stop lines and their state',
    description: `JSON: the entries with their lines. CSV and NDJSON: one row per stop line (an entry without lines: one row, line fields empty): ${WATCHLIST_COLUMNS.join(', ')}.`,
  })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  async list(@Query() q: FormatQueryDto, @Res({ passthrough: true }) res: HttpResponse, @CurrentPrincipal() principal?: ApiPrincipal): Promise<WatchlistEntryView[] | string> {
    const entries = await this.repository.listEntries(scopeOf(principal));
    return (q.format ?? 'json') === 'json' ? entries : rowsBody(res, q.format as 'csv' | 'ndjson', WATCHLIST_COLUMNS, watchlistRows(entries), 'watchlist');
  }

  @Get('watchlist/:entryId')
  get(@Param('entryId', uuid) entryId: string, @CurrentPrincipal() principal?: ApiPrincipal): Promise<WatchlistEntryView> {
    return this.repository.getEntry(entryId, scopeOf(principal));
  }

  @Patch('watchlist/:entryId')
  @ApiOperation({ summary: "Change an entry's note (null clears it); the ticker cannot change" })
  updateEntry(@Param('entryId', uuid) entryId: string, @Body() body: UpdateWatchlistEntryRequestDto, @CurrentPrincipal() principal?: ApiPrincipal): Promise<WatchlistEntryView> {
    const scope = scopeOf(principal);
    return body.note === undefined ? this.repository.getEntry(entryId, scope) : this.repository.updateEntry(entryId, body.note, scope);
  }

  @Delete('watchlist/:entryId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an entry and its lines' })
  remove(@Param('entryId', uuid) entryId: string, @CurrentPrincipal() principal?: ApiPrincipal): Promise<void> {
    return this.repository.deleteEntry(entryId, scopeOf(principal));
  }

  @Post('watchlist/:entryId/lines')
  @ApiOperation({ summary: 'Add a stop line (fixed, trailing, atr, break-even-hashprice, break-even-btc-price, runway-floor, loan-to-value)' })
  async addLine(@Param('entryId', uuid) entryId: string, @Body() body: CreateStopLineRequestDto, @CurrentPrincipal() principal?: ApiPrincipal): Promise<StopLineView> {
    await this.repository.getEntry(entryId, scopeOf(principal));
    return this.createLine.execute(entryId, body);
  }

  @Get('watchlist/:entryId/lines/:lineId')
  async getLine(@Param('entryId', uuid) entryId: string, @Param('lineId', uuid) lineId: string, @CurrentPrincipal() principal?: ApiPrincipal): Promise<StopLineView> {
    await this.repository.getEntry(entryId, scopeOf(principal));
    return this.repository.getLine(entryId, lineId);
  }

  @Patch('watchlist/:entryId/lines/:lineId')
  @ApiOperation({ summary: 'Change a stop line (any field but its kind, enabled included); its state is kept, so moving the level or switching it back on raises no signal by itself' })
  async updateLine(@Param('entryId', uuid) entryId: string, @Param('lineId', uuid) lineId: string, @Body() body: UpdateStopLineRequestDto, @CurrentPrincipal() principal?: ApiPrincipal): Promise<StopLineView> {
    refuseNulls(body);
    await this.repository.getEntry(entryId, scopeOf(principal));
    return this.createLine.update(entryId, lineId, body);
  }

  @Delete('watchlist/:entryId/lines/:lineId')
  @HttpCode(204)
  async removeLine(@Param('entryId', uuid) entryId: string, @Param('lineId', uuid) lineId: string, @CurrentPrincipal() principal?: ApiPrincipal): Promise<void> {
    await this.repository.getEntry(entryId, scopeOf(principal));
    return this.repository.deleteLine(entryId, lineId);
  }

  @RequireScope('risk:write')
  @Post('equity-quotes')
  @HttpCode(202)
  @ApiOperation({ summary: "Run a ticker's equity stop lines over a share quote (until an equity topic exists)" })
  quote(@Body() body: EquityQuoteRequestDto): Promise<{ duplicate: boolean; alerts: number }> {
    return this.quotes.execute(body);
  }
}
