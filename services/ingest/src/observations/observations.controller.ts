import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { traceparentFor } from '@hashdesk/messaging';
import { badRequest } from '@hashdesk/platform';
import { BtcPriceRequestDto } from './dto/btc-price.request.dto';
import { NetworkSnapshotRequestDto } from './dto/network-snapshot.request.dto';
import { RecordObservationUseCase, type RecordResult } from './record-observation.use-case';

/** Observations in the future by more than this are refused (clock skew allowance). */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

@ApiTags('observations')
@Controller('v1/observations')
export class ObservationsController {
  constructor(private readonly record: RecordObservationUseCase) {}

  @Post('btc-price')
  @HttpCode(202)
  @ApiOperation({ summary: 'Push one BTC price observation' })
  @ApiAcceptedResponse({ description: 'Stored and queued for publication (published=false: a duplicate, nothing new)' })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; nothing was stored or published' })
  pushBtcPrice(@Body() body: BtcPriceRequestDto, @Headers('traceparent') traceparent?: string): Promise<RecordResult> {
    const eventTime = parseEventTime(body.observedAt);
    return this.record.execute(
      { kind: 'btc-price', source: `push:${body.source ?? 'api'}`, pair: body.pair ?? 'BTC-USD', eventTime, priceUsd: body.priceUsd },
      traceparentFor(traceparent),
    );
  }

  @Post('network-snapshot')
  @HttpCode(202)
  @ApiOperation({ summary: 'Push one network snapshot (height, difficulty, fees per block)' })
  @ApiAcceptedResponse({ description: 'Stored and queued for publication (published=false: a duplicate, nothing new)' })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; nothing was stored or published' })
  pushNetworkSnapshot(@Body() body: NetworkSnapshotRequestDto, @Headers('traceparent') traceparent?: string): Promise<RecordResult> {
    const eventTime = parseEventTime(body.observedAt);
    if ((body.feesPerBlockSats === undefined) === (body.feesBtcPerBlock === undefined)) {
      throw badRequest([{ field: 'feesPerBlockSats', rule: 'exactlyOne', message: 'give exactly one of feesPerBlockSats or feesBtcPerBlock' }]);
    }
    const feesPerBlockSats = body.feesPerBlockSats ?? Math.round((body.feesBtcPerBlock as number) * 100_000_000);
    return this.record.execute(
      {
        kind: 'network-snapshot',
        source: `push:${body.source ?? 'api'}`,
        eventTime,
        height: body.height,
        difficulty: body.difficulty,
        feesPerBlockSats,
        feeWindowBlocks: body.feeWindowBlocks ?? 144,
      },
      traceparentFor(traceparent),
    );
  }
}

function parseEventTime(observedAt: string): Date {
  const eventTime = new Date(observedAt);
  if (eventTime.getTime() > Date.now() + MAX_FUTURE_SKEW_MS) {
    throw badRequest([{ field: 'observedAt', rule: 'notInFuture', message: 'must not be more than 5 minutes in the future' }]);
  }
  return eventTime;
}
