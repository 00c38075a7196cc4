import type { IncomingMessage } from 'node:http';
import { RequireScope } from '@hashdesk/platform';
import { Controller, Headers, HttpCode, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { traceparentFor } from '@hashdesk/messaging';
import { readBody } from '../observations/http-body.util';
import { ObservationExceptionFilter } from '../observations/observation-exception.filter';
import { ObservationException, ObservationExceptionCode } from '../observations/observation.exception';
import { BackfillUseCase, type BackfillSummary } from './backfill.use-case';
import { DEFAULT_BACKFILL_SOURCE } from './daily-history-csv.parser';

/** Largest CSV read (bytes): about 50,000 days of daily history. */
const MAX_CSV_BYTES = 4 * 1024 * 1024;
const SOURCE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

@ApiTags('backfill')
@RequireScope('ingest:write')
@Controller('v1/backfill')
@UseFilters(ObservationExceptionFilter)
export class BackfillController {
  constructor(private readonly backfill: BackfillUseCase) {}

  @Post('daily-history')
  @HttpCode(202)
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Backfill a daily history CSV (format in services/ingest/README.md): one price and one network snapshot per day' })
  @ApiQuery({ name: 'source', required: false, description: `provider id (default ${DEFAULT_BACKFILL_SOURCE})` })
  @ApiQuery({ name: 'firstHeight', required: false, description: 'height of the first block of the first day, when the file has no height column' })
  @ApiAcceptedResponse({ description: 'Recorded and queued for publication; implausible days quarantined and listed' })
  @ApiBadRequestResponse({ description: 'violations[] name the line, column and rule; nothing was stored' })
  async backfillDailyHistory(
    @Req() request: IncomingMessage,
    @Query('source') source = DEFAULT_BACKFILL_SOURCE,
    @Query('firstHeight') firstHeight?: string,
    @Headers('traceparent') traceparent?: string,
  ): Promise<BackfillSummary> {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    // Exactly text/csv: text/plain is a type any web page may post cross-origin without a preflight.
    if (contentType !== 'text/csv') {
      throw new ObservationException(ObservationExceptionCode.UNSUPPORTED_MEDIA_TYPE, `send the CSV with content-type text/csv (got "${contentType}")`);
    }
    const violations = [];
    if (!SOURCE.test(source)) violations.push({ field: 'source', rule: 'matches', message: 'must be 1-64 lowercase letters, digits, dot, dash or underscore' });
    if (firstHeight !== undefined && !/^\d{1,8}$/.test(firstHeight)) violations.push({ field: 'firstHeight', rule: 'isInt', message: 'must be a whole number' });
    if (violations.length > 0) throw new ObservationException(ObservationExceptionCode.INVALID_RECORD, 'invalid query', violations);
    const csv = await readBody(request, MAX_CSV_BYTES);
    return this.backfill.execute('http-upload', csv, { source, firstHeight: firstHeight === undefined ? undefined : Number(firstHeight) }, traceparentFor(traceparent));
  }
}
