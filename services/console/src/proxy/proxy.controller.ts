import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CONSOLE_CONFIG, type ConsoleEnv } from '../config/console.config';
import { SubscriberKeyService } from './subscriber-key.service';
import { isAllowed, isUpstream, SUBSCRIBER_PATHS, type Upstream } from './upstream-allowlist';

const TIMEOUT_MS = 120_000; // a Monte Carlo run may take a while; reads answer in milliseconds
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'etag', 'last-modified'];

/** /api/{service}/{path}: the allowlisted query APIs of the four services, with the console's key. */
@ApiExcludeController()
@Controller('api')
export class ProxyController {
  private readonly bases: Record<Upstream, string>;

  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleEnv, private readonly subscriberKey: SubscriberKeyService) {
    this.bases = { ingest: config.CONSOLE_INGEST_URL, valuation: config.CONSOLE_VALUATION_URL, risk: config.CONSOLE_RISK_URL, notification: config.CONSOLE_NOTIFICATION_URL };
  }

  @Get(':service/*path')
  get(@Param('service') service: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.forward(service, 'GET', req, res);
  }

  @Post(':service/*path')
  post(@Param('service') service: string, @Req() req: IncomingMessage, @Res() res: ServerResponse, @Body() body: unknown): Promise<void> {
    return this.forward(service, 'POST', req, res, JSON.stringify(body ?? {}));
  }

  private async forward(service: string, method: 'GET' | 'POST', req: IncomingMessage, res: ServerResponse, body?: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console');
    const path = url.pathname.slice(`/api/${service}`.length);
    if (!isUpstream(service) || !isAllowed(service, method, path)) return reply(res, 404, { statusCode: 404, message: `not served by the console: ${method} ${url.pathname}` });
    const headers: Record<string, string> = { accept: String(req.headers.accept ?? 'application/json') };
    const key = service === 'notification' && SUBSCRIBER_PATHS.some((p) => p.test(path)) ? await this.subscriberKey.key() : this.config.CONSOLE_API_KEY;
    if (key) headers['x-api-key'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let upstream: Response;
    try {
      upstream = await fetch(`${this.bases[service]}${path}${url.search}`, { method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      return reply(res, 502, { statusCode: 502, message: `${service} did not answer: ${(error as Error).message}` });
    }
    if (upstream.status === 401 && service === 'notification') this.subscriberKey.forget();
    res.statusCode = upstream.status;
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    if (!upstream.body) return void res.end();
    Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream).pipe(res);
  }
}

export function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
