import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { StaticFiles, type StaticFile } from './static-files';

/** The single-page app: its routes all answer index.html (the app reads the path and query), its assets are immutable. */
@ApiExcludeController()
@Controller()
export class WebController {
  constructor(private readonly files: StaticFiles) {}

  @Get(['/', 'network', 'miners', 'miners/:ticker', 'risk', 'alerts', 'machines'])
  page(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    const index = this.files.get('index.html');
    if (!index) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('The console app is not built: run node services/console/scripts/build-web.js\n');
    }
    send(req, res, index, 'no-cache');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    const found = this.files.get(`assets/${file}`);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('not found\n');
    }
    // Vite names assets by content hash: a new build is a new name.
    send(req, res, found, 'public, max-age=31536000, immutable');
  }
}

function send(req: IncomingMessage, res: ServerResponse, file: StaticFile, cacheControl: string): void {
  const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.writeHead(200, {
    'content-type': file.type,
    'cache-control': cacheControl,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    ...(gzip && { 'content-encoding': 'gzip' }),
  });
  res.end(gzip ? file.gzipped : file.body);
}
