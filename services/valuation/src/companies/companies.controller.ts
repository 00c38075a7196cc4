import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { badRequest, tabular, type Cell, type HttpResponse } from '@hashdesk/platform';
import { OffsetPageQueryDto, parseInstant, PointInTimeQueryDto } from '../http/query-params.dto';
import { COMPARABLE_COLUMNS, comparableRow, sortComparables } from './comparable-row.mapper';
import { ComparablesCache } from './comparables.cache';
import { CompanyQueryRepository, type StoredProfileVersion, type StoredValuation } from './company-query.repository';
import { ComparablesQueryDto } from './dto/comparables.query.dto';
import { ProfileFiguresQueryDto } from './dto/profile-figures.query.dto';
import { PROFILE_FIGURE_COLUMNS, profileFigureRows } from './profile-figures.mapper';
import { ValuationHistoryQueryDto } from './dto/valuation-history.query.dto';

const TICKER = /^[A-Z0-9.]{1,10}$/;
const DEFAULT_LIMIT = 500;
const COMPANY_COLUMNS = ['ticker', 'name', 'profileVersions', 'latestProfileVersion', 'profileAsOf', 'valuations', 'latestValuationAsOf'];

function checkTicker(ticker: string): string {
  if (!TICKER.test(ticker)) throw badRequest([{ field: 'ticker', rule: 'tickerFormat', message: 'must be 1-10 upper-case letters, digits or dots' }]);
  return ticker;
}

/** The full valuation: the stored message with its result parsed. */
function valuationBody(stored: StoredValuation): Record<string, unknown> {
  const { resultJson, ...message } = stored.valued as { resultJson?: string };
  return { ...message, recordedAt: stored.recordedAt.toISOString(), ...(JSON.parse(resultJson ?? '{}') as Record<string, unknown>) };
}

const usableFrom = (v: StoredProfileVersion): string => (typeof v.profile.knownAt === 'string' ? v.profile.knownAt : '');
const learnedLater = (a: StoredProfileVersion, b: StoredProfileVersion): boolean => usableFrom(a) > usableFrom(b) || (usableFrom(a) === usableFrom(b) && a.version > b.version);

/** The newest version of each period (by period end), in period order. */
function newestPerPeriod(versions: readonly StoredProfileVersion[]): StoredProfileVersion[] {
  const byPeriod = new Map<string, StoredProfileVersion>();
  for (const v of versions) {
    const period = v.profile.period as { endDate?: string } | undefined;
    const key = period?.endDate ?? String(v.profile.asOf);
    const held = byPeriod.get(key);
    if (!held || learnedLater(v, held)) byPeriod.set(key, v);
  }
  return [...byPeriod.values()].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime() || a.version - b.version);
}

@ApiTags('companies')
@Controller('v1')
export class CompaniesController {
  constructor(
    private readonly query: CompanyQueryRepository,
    private readonly cache: ComparablesCache,
  ) {}

  @Get('companies')
  @ApiOperation({ summary: 'The tracked companies: newest profile version and valuation count' })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: '{items, page{limit, offset, total}}' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  async companies(@Query() q: OffsetPageQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const limit = q.limit ?? DEFAULT_LIMIT;
    const offset = q.offset ?? 0;
    const { items, total } = await this.query.companies(limit, offset);
    const rows = items.map((c) => ({ ...c, profileAsOf: c.profileAsOf.toISOString(), latestValuationAsOf: c.latestValuationAsOf?.toISOString() ?? null }));
    return tabular(res, q.format ?? 'json', COMPANY_COLUMNS, rows, { page: { limit, offset, total } });
  }

  @Get('companies/:ticker/valuation')
  @ApiOperation({
    summary: "A company's metrics and valuation, latest or as of a time",
    description: 'asOf (event time): the newest valuation whose inputs were all true by then, so no later input is used. '
      + 'knownAt (knowledge time): only what hashdesk had learned by then; a restated figure does not change an answer given before it was learned.',
  })
  @ApiOkResponse({ description: 'CompanyValued (lineage: input event ids and times, methodology version) with metrics and valuation' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  @ApiNotFoundResponse({ description: 'Unknown ticker, or no valuation at that time' })
  async valuation(@Param('ticker') ticker: string, @Query() q: PointInTimeQueryDto): Promise<Record<string, unknown>> {
    checkTicker(ticker);
    const now = new Date();
    const stored = await this.query.valuationAt(ticker, parseInstant(q.asOf) ?? now, parseInstant(q.knownAt) ?? now);
    if (stored) return valuationBody(stored);
    if (!(await this.query.hasCompany(ticker))) throw new NotFoundException(`no company ${ticker}`);
    throw new NotFoundException(`no valuation of ${ticker} as of ${q.asOf ?? 'now'}${q.knownAt ? ` known at ${q.knownAt}` : ''}: it needs a profile dated by then, a BTC price and a network snapshot`);
  }

  @Get('companies/:ticker/valuations')
  @ApiOperation({ summary: "A company's valuation history over a range of as-of times (every version kept, restatements included)" })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'Comparable-table rows, oldest first: {items, page{limit, offset, nextOffset}}' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  async history(@Param('ticker') ticker: string, @Query() q: ValuationHistoryQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    checkTicker(ticker);
    const from = parseInstant(q.from) ?? new Date(0);
    const to = parseInstant(q.to) ?? new Date();
    if (from > to) throw badRequest([{ field: 'from', rule: 'notAfterTo', message: 'must not be after to' }]);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const offset = q.offset ?? 0;
    const rows = (await this.query.history(ticker, from, to, parseInstant(q.knownAt) ?? new Date(), limit, offset)).map(comparableRow);
    return tabular(res, q.format ?? 'json', COMPARABLE_COLUMNS, rows, { page: { limit, offset, nextOffset: rows.length === limit ? offset + limit : null } });
  }

  @Get('companies/:ticker/figures')
  @ApiOperation({
    summary: "Every figure of a company's profile versions with its lineage: value, period, as-of, known-at, source, source quality and the quoted excerpt",
    description: 'One row per figure per version (a null value carries the reason in note). knownAt keeps only the versions a desk could have read by then; versions=latest keeps the newest of each period.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: '{items, page{limit, offset, total}}, oldest period first' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  @ApiNotFoundResponse({ description: 'Unknown ticker' })
  async figures(@Param('ticker') ticker: string, @Query() q: ProfileFiguresQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    checkTicker(ticker);
    const stored = await this.query.profileVersions(ticker);
    if (stored.length === 0) throw new NotFoundException(`no company ${ticker}`);
    const knownAt = parseInstant(q.knownAt);
    const usable = stored.filter((v) => knownAt === undefined || !(typeof v.profile.knownAt === 'string') || new Date(v.profile.knownAt) <= knownAt);
    const versions = q.versions === 'latest' ? newestPerPeriod(usable) : usable;
    const all = versions.flatMap((v) => profileFigureRows(ticker, v.version, v.profile)).filter((r) => q.field === undefined || r.field.startsWith(q.field));
    const limit = q.limit ?? 5000;
    const offset = q.offset ?? 0;
    return tabular(res, q.format ?? 'json', PROFILE_FIGURE_COLUMNS, all.slice(offset, offset + limit), { page: { limit, offset, total: all.length } });
  }

  @Get('comparables')
  @ApiOperation({ summary: 'Every company with its newest valuation, its headline metrics and its sources, sortable by any metric (the current table is cached in Redis)' })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: '{items, page{limit, offset, total}, sort, order}; unknown values sort last' })
  @ApiBadRequestResponse({ description: 'violations[{field, rule, message}]' })
  async comparables(@Query() q: ComparablesQueryDto, @Res({ passthrough: true }) res: HttpResponse): Promise<unknown> {
    const now = new Date();
    const sort = q.sort ?? 'evPerEhUsd';
    const order = q.order ?? 'desc';
    const limit = q.limit ?? DEFAULT_LIMIT;
    const offset = q.offset ?? 0;
    const current = q.asOf === undefined && q.knownAt === undefined;
    let table = current ? await this.cache.get() : undefined;
    if (!table) {
      table = (await this.query.latestPerCompany(parseInstant(q.asOf) ?? now, parseInstant(q.knownAt) ?? now)).map(comparableRow);
      if (current) await this.cache.set(table);
    }
    const all = sortComparables(table, sort, order);
    const rows: Array<Record<string, Cell>> = all.slice(offset, offset + limit);
    return tabular(res, q.format ?? 'json', COMPARABLE_COLUMNS, rows, { sort, order, page: { limit, offset, total: all.length } });
  }
}
