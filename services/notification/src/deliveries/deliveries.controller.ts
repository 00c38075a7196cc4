import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { OwnAuthentication } from '@hashdesk/platform';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { badRequest } from '@hashdesk/platform';
import { ApiKeyGuard, CurrentSubscriber } from '../subscriptions/api-key.guard';
import type { Subscriber } from '../subscriptions/subscriptions.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesQueryDto, ReplayAllRequestDto } from './dto/deliveries.query.dto';
import { DeliveryWorker } from './delivery.worker';

const deliveryId = (id: string): string => {
  if (!/^\d{1,18}$/.test(id)) throw badRequest([{ field: 'id', rule: 'isDeliveryId', message: 'must be a delivery id' }]);
  return id;
};

@ApiTags('deliveries')
@ApiSecurity('api-key')
@UseGuards(ApiKeyGuard)
@OwnAuthentication() // subscriber keys, judged by ApiKeyGuard
@Controller('v1')
export class DeliveriesController {
  constructor(private readonly repository: DeliveriesRepository, private readonly worker: DeliveryWorker) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'The caller\'s delivery log, newest first: status, attempts, last error, latency' })
  deliveries(@CurrentSubscriber() subscriber: Subscriber, @Query() query: DeliveriesQueryDto): Promise<unknown[]> {
    return this.repository.list(subscriber.id, { ...query, limit: query.limit ?? 100 });
  }

  @Get('deliveries/:id')
  @ApiOperation({ summary: 'One delivery with its body (404 for anyone else\'s)' })
  delivery(@CurrentSubscriber() subscriber: Subscriber, @Param('id') id: string) {
    return this.repository.get(subscriber.id, deliveryId(id));
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Deliveries that exhausted their attempts (or could never be sent)' })
  deadLetters(@CurrentSubscriber() subscriber: Subscriber, @Query() query: DeliveriesQueryDto): Promise<unknown[]> {
    return this.repository.list(subscriber.id, { ...query, status: 'dead', limit: query.limit ?? 100 });
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send one dead letter again, same webhook-id, fresh attempts' })
  async replay(@CurrentSubscriber() subscriber: Subscriber, @Param('id') id: string) {
    const replayed = await this.repository.replay(subscriber.id, deliveryId(id));
    this.worker.kick();
    return replayed;
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send all of the caller\'s dead letters again (optionally one subscription\'s)' })
  async replayAll(@CurrentSubscriber() subscriber: Subscriber, @Body() body: ReplayAllRequestDto) {
    const replayed = await this.repository.replayAll(subscriber.id, body.subscriptionId);
    this.worker.kick();
    return { replayed };
  }
}
