import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CONSOLE_CONFIG, type ConsoleEnv } from '../config/console.config';
import { reply } from './proxy.controller';
import { SubscriberKeyService } from './subscriber-key.service';

/** /api/stream: notification's SSE stream of the console's subscriber, passed through as it arrives. */
@ApiExcludeController()
@Controller('api/stream')
export class StreamController {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleEnv, private readonly subscriberKey: SubscriberKeyService) {}

  @Get()
  async stream(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    const key = await this.subscriberKey.key();
    if (!key) return reply(res, 503, { statusCode: 503, message: 'no notification subscriber key: set CONSOLE_SUBSCRIBER_API_KEY or NOTIFICATION_ADMIN_TOKEN' });
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    const headers: Record<string, string> = { 'x-api-key': key, accept: 'text/event-stream' };
    const lastEventId = req.headers['last-event-id'];
    if (typeof lastEventId === 'string') headers['last-event-id'] = lastEventId;
    let upstream: Response;
    try {
      upstream = await fetch(`${this.config.CONSOLE_NOTIFICATION_URL}/v1/stream`, { headers, signal: abort.signal });
    } catch (error) {
      return reply(res, 502, { statusCode: 502, message: `notification did not answer: ${(error as Error).message}` });
    }
    if (!upstream.ok || !upstream.body) {
      if (upstream.status === 401) this.subscriberKey.forget();
      return reply(res, upstream.status === 401 ? 503 : 502, { statusCode: upstream.status, message: await upstream.text() });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream)
      .on('error', () => res.end())
      .pipe(res);
  }
}
