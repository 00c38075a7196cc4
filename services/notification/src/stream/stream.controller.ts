import { Controller, Get, Headers, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { OwnAuthentication } from '@hashdesk/platform';
import { ApiHeader, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@hashdesk/platform';
import { ApiKeyGuard, CurrentSubscriber } from '../subscriptions/api-key.guard';
import type { Subscriber } from '../subscriptions/subscriptions.repository';
import { StreamHub, type StreamMessage } from './stream-hub';

/** Server-sent events: the caller's "sse" deliveries, live; Last-Event-ID replays what was missed. */
@ApiTags('stream')
@ApiSecurity('api-key')
@UseGuards(ApiKeyGuard)
@OwnAuthentication() // subscriber keys, judged by ApiKeyGuard
@Controller('v1/stream')
export class StreamController {
  constructor(private readonly hub: StreamHub, @Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'text/event-stream of the caller\'s sse-channel deliveries (id = delivery id)' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'last-event-id', required: false })
  async stream(@CurrentSubscriber() subscriber: Subscriber, @Req() req: IncomingMessage, @Res() res: ServerResponse, @Headers('last-event-id') lastEventId?: string): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': hashdesk notification stream\n\n');
    const write = (m: StreamMessage) => res.write(`id: ${m.id}\nevent: ${m.event}\ndata: ${m.data}\n\n`);
    const buffered: StreamMessage[] = [];
    let replaying = true;
    const unsubscribe = this.hub.subscribe(subscriber.id, (m) => (replaying ? buffered.push(m) : write(m)));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
    let lastSent = 0;
    if (lastEventId && /^\d{1,18}$/.test(lastEventId)) {
      const missed: Array<{ id: string; event_type: string | null; body: string }> = await this.dataSource.query(
        `SELECT d.id, d.event_type, d.body FROM delivery d JOIN subscription s ON s.id = d.subscription_id
          WHERE s.subscriber_id = $1 AND s.channel = 'sse' AND d.status = 'delivered' AND d.id > $2 ORDER BY d.id LIMIT 1000`,
        [subscriber.id, lastEventId],
      );
      for (const m of missed) {
        write({ id: m.id, event: m.event_type ?? 'message', data: m.body });
        lastSent = Number(m.id);
      }
    }
    replaying = false;
    for (const m of buffered) if (Number(m.id) > lastSent) write(m);
  }
}
