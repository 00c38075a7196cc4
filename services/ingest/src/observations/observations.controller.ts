import type { IncomingMessage } from 'node:http';
import { RequireScope } from '@hashdesk/platform';
import { Body, Controller, Headers, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiConsumes, ApiOperation, ApiPayloadTooLargeResponse, ApiTags,
} from '@nestjs/swagger';
import { traceparentFor } from '@hashdesk/messaging';
import { BtcPriceRequestDto } from './dto/btc-price.request.dto';
import { NetworkSnapshotRequestDto } from './dto/network-snapshot.request.dto';
import { readBody } from './http-body.util';
import { MAX_BATCH_RECORDS, parseNdjsonBatch } from './ndjson-batch.parser';
import { ObservationExceptionFilter } from './observation-exception.filter';
import { ObservationException, ObservationExceptionCode } from './observation.exception';
import { btcPriceFromRequest, networkSnapshotFromRequest, type Mapped } from './observation-request.mapper';
import type { AcceptedObservation } from './observation.types';
import { RecordObservationsUseCase, type RecordResult } from './record-observations.use-case';

/** Largest NDJSON body read (bytes): 10,000 lines of a few hundred bytes fit well within it. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
// Never text/plain: a web page may post that cross-origin with no preflight.
const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines'];

export interface BatchResult {
  accepted: number;
  /** New observations queued for publication (the others were already recorded). */
  published: number;
  observations: Array<{ line: number; observationId: string; published: boolean }>;
  traceId?: string;
}

@ApiTags('observations')
@RequireScope('ingest:write')
@Controller('v1/observations')
@UseFilters(ObservationExceptionFilter)
export class ObservationsController {
  constructor(private readonly record: RecordObservationsUseCase) {}

  @Post('btc-price')
  @HttpCode(202)
  @ApiOperation({ summary: 'Push one BTC price observation' })
  @ApiAcceptedResponse({ description: 'Stored and queued for publication (published=false: a duplicate, nothing new)' })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; nothing was stored or published. Implausible values are also quarantined.' })
  pushBtcPrice(@Body() body: BtcPriceRequestDto, @Headers('traceparent') traceparent?: string): Promise<RecordResult> {
    return this.recordOne('btc-price', body, btcPriceFromRequest(body), traceparent);
  }

  @Post('network-snapshot')
  @HttpCode(202)
  @ApiOperation({ summary: 'Push one network snapshot (height, difficulty, fees per block)' })
  @ApiAcceptedResponse({ description: 'Stored and queued for publication (published=false: a duplicate, nothing new)' })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; nothing was stored or published. Implausible values are also quarantined.' })
  pushNetworkSnapshot(@Body() body: NetworkSnapshotRequestDto, @Headers('traceparent') traceparent?: string): Promise<RecordResult> {
    return this.recordOne('network-snapshot', body, networkSnapshotFromRequest(body), traceparent);
  }

  @Post('batch')
  @HttpCode(202)
  @ApiConsumes('application/x-ndjson')
  @ApiOperation({
    summary: 'Push a batch of observations as NDJSON, all or nothing',
    description: 'One JSON object per line: {"kind":"btc-price", …btc-price fields} or {"kind":"network-snapshot", …network-snapshot fields}. '
      + `At most ${MAX_BATCH_RECORDS} records.`,
  })
  @ApiAcceptedResponse({ description: 'Every record stored; new ones queued for publication' })
  @ApiBadRequestResponse({ description: 'violations[] name the line, field and rule; nothing of the batch was stored or published. Implausible records are quarantined.' })
  @ApiPayloadTooLargeResponse({ description: `More than ${MAX_BATCH_RECORDS} records or ${MAX_BATCH_BYTES} bytes` })
  async pushBatch(@Req() request: IncomingMessage, @Headers('traceparent') traceparent?: string): Promise<BatchResult> {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!NDJSON_TYPES.includes(contentType)) {
      throw new ObservationException(ObservationExceptionCode.UNSUPPORTED_MEDIA_TYPE, `send NDJSON with content-type application/x-ndjson (got "${contentType}")`);
    }
    const body = await readBody(request, MAX_BATCH_BYTES);
    const parsed = parseNdjsonBatch(body);
    if (parsed.records.length + parsed.violations.length > MAX_BATCH_RECORDS) {
      throw new ObservationException(ObservationExceptionCode.BATCH_TOO_LARGE, `a batch may carry at most ${MAX_BATCH_RECORDS} records`);
    }
    const outcome = await this.record.execute(
      parsed.records.map((r) => ({ observation: r.observation, origin: `http:batch line ${r.line}`, raw: r.raw })),
      // A batch that already failed its shape checks stores nothing; its implausible records are still quarantined.
      { traceparent: traceparentFor(traceparent), mode: parsed.violations.length > 0 ? 'quarantine-only' : 'all-or-nothing' },
    );
    const implausible = outcome.rejections.flatMap((r) => r.violations.map((v) => ({ line: parsed.records[r.index].line, ...v })));
    if (parsed.violations.length > 0 || implausible.length > 0) {
      const violations = [...parsed.violations, ...implausible].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      throw new ObservationException(
        implausible.length > 0 && parsed.violations.length === 0 ? ObservationExceptionCode.IMPLAUSIBLE_RECORD : ObservationExceptionCode.INVALID_RECORD,
        'the batch was rejected: nothing of it was stored or published',
        violations,
        outcome.rejections.map((r) => ({ line: parsed.records[r.index].line, quarantineId: r.quarantineId })),
      );
    }
    return {
      accepted: outcome.results.length,
      published: outcome.published,
      observations: outcome.results.map((r) => ({ line: parsed.records[r.index].line, observationId: r.observationId, published: r.published })),
      traceId: outcome.results[0]?.traceId,
    };
  }

  private async recordOne(endpoint: string, body: unknown, mapped: Mapped<AcceptedObservation>, traceparent?: string): Promise<RecordResult> {
    if (mapped.violations) throw new ObservationException(ObservationExceptionCode.INVALID_RECORD, 'invalid record', mapped.violations);
    const outcome = await this.record.execute(
      [{ observation: mapped.observation, origin: `http:${endpoint}`, raw: body }],
      { traceparent: traceparentFor(traceparent), mode: 'all-or-nothing' },
    );
    const [rejection] = outcome.rejections;
    if (rejection) {
      throw new ObservationException(ObservationExceptionCode.IMPLAUSIBLE_RECORD, 'implausible record (quarantined)', rejection.violations, [{ quarantineId: rejection.quarantineId }]);
    }
    const [{ observationId, published, traceId }] = outcome.results;
    return { observationId, published, traceId };
  }
}
