import { Controller, Get, HttpCode, HttpException, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CONSOLE_CONFIG, type ConsoleEnv } from '../config/console.config';
import { StaticFiles } from '../web/static-files';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleEnv, private readonly files: StaticFiles) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (no dependency is checked)' })
  live() {
    return { status: 'ok' };
  }

  /** Ready once the app is built; the services' own readiness is reported, not required (a page says which is down). */
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'The app is built; each service\'s readiness is reported' })
  async ready() {
    const upstreams = Object.fromEntries(await Promise.all((['ingest', 'valuation', 'risk', 'notification'] as const).map(async (name) => {
      const base = this.config[`CONSOLE_${name.toUpperCase()}_URL` as keyof ConsoleEnv] as string;
      const up = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
      return [name, up ? 'up' : 'down'];
    })));
    const body = { status: this.files.built ? 'ok' : 'error', web: this.files.built ? 'built' : 'not built', upstreams };
    if (!this.files.built) throw new HttpException(body, 503);
    return body;
  }
}
